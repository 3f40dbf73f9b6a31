import { getMetadataStorage, type ValidationError } from 'class-validator';

type Args = unknown[];
const list = (values: unknown) => (Array.isArray(values) ? values : Object.values((values as object) ?? {})).join('、');

/**
 * Every class-validator constraint in Chinese, with its limit, in one place: DTOs declare rules, never
 * messages (a DTO may still give its own message, which wins when it is already Chinese).
 */
const MESSAGES: Record<string, (args: Args) => string> = {
  isString: () => '须为文本',
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isNumberString: () => '须为数字',
  isBoolean: () => '须为 true 或 false',
  isUuid: () => '须为 UUID 格式的编号',
  isEnum: ([values]) => `须为以下之一：${list(values)}`,
  isIn: ([values]) => `须为以下之一：${list(values)}`,
  min: ([n]) => `不能小于 ${n}`,
  max: ([n]) => `不能大于 ${n}`,
  minLength: ([n]) => `至少 ${n} 个字符`,
  maxLength: ([n]) => `最多 ${n} 个字符`,
  isLength: ([min, max]) => `长度须在 ${min} 到 ${max} 个字符之间`,
  arrayMinSize: ([n]) => `至少 ${n} 项`,
  arrayMaxSize: ([n]) => `最多 ${n} 项`,
  arrayNotEmpty: () => '不能为空',
  arrayUnique: () => '不能有重复项',
  isArray: () => '须为数组',
  isObject: () => '须为对象',
  isNotEmpty: () => '不能为空',
  isDefined: () => '必填',
  matches: () => '格式不正确',
  isEmail: () => '须为电子邮件地址',
  isUrl: () => '须为网址',
  isDateString: () => '须为日期，格式 YYYY-MM-DD',
  isIso8601: () => '须为日期，格式 YYYY-MM-DD',
  whitelistValidation: () => '不允许的字段',
  nestedValidation: () => '须为对象或数组',
};

const GENERIC: Record<string, string> = {
  min: '数值过小',
  max: '数值过大',
  minLength: '内容过短',
  maxLength: '内容过长',
  isLength: '长度不符合要求',
  arrayMinSize: '项数过少',
  arrayMaxSize: '项数过多',
  isEnum: '不是允许的取值',
  isIn: '不是允许的取值',
};

const CJK = /[\u4e00-\u9fff]/;

/** The Chinese message of one failed constraint, naming the limit from the DTO's own metadata. */
export function chineseMessage(error: ValidationError, key: string, original: string): string {
  if (CJK.test(original)) return original;
  const translate = MESSAGES[key];
  if (!translate) return '取值无效';
  const target = error.target?.constructor;
  const meta = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .find((m) => m.propertyName === error.property && (m.name ?? m.type)?.toLowerCase() === key.toLowerCase())
    : undefined;
  // Without the DTO's metadata (a body that is not an object at all) the limit is not known: say so plainly.
  return meta ? translate(meta.constraints as Args) : (GENERIC[key] ?? translate([]));
}
