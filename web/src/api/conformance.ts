// Compile-time check that a view type (what a screen reads) is promised by the OpenAPI document.
//
// The console's screens read responses through hand-written view types (views.ts) and the type checker
// compares each of them with the response the document declares for that route. A field the view reads
// that the document drops, renames or retypes fails `tsc`. Two things in today's document are tolerated,
// both artefacts of how @nestjs/swagger describes nullable fields (see web/README.md):
//  - a property typed `string | null` in the service is emitted as `{ type: 'object', nullable: true }`,
//    which openapi-typescript renders as `Record<string, never> | null`: nothing can be checked there;
//  - nullable properties are also marked optional although the service always sends them (as null):
//    `undefined` is read as `null` on both sides.
// When the document is fixed, these checks become exact by themselves.

type Prim = string | number | boolean | bigint | symbol;

/** Swagger's stand-in for a type it could not describe. */
type Opaque<D> = [NonNullable<D>] extends [Record<string, never>] ? ([Record<string, never>] extends [NonNullable<D>] ? ([NonNullable<D>] extends [never] ? false : true) : false) : false;

type Loose<D> = Exclude<D, undefined> | (undefined extends D ? null : never);
type Widen<V> = V extends string ? string : V extends number ? number : V extends boolean ? boolean : V;

type LeafMismatch<D, V, Path extends string> = [Loose<D>] extends [Loose<V>]
  ? never
  : [Loose<D>] extends [Widen<Loose<V>>]
    ? // The document says `string` where the view knows the values (an enum the DTO does not declare).
      string extends NonNullable<Loose<D>>
      ? never
      : number extends NonNullable<Loose<D>>
        ? never
        : Path
    : Path;

/**
 * The paths (as string literal types) where view V asks for something document D does not promise.
 * Recursive shapes (the plan tree) are followed five levels deep.
 */
export type Mismatches<D, V, Path extends string = '$', Depth extends unknown[] = []> =
  Depth['length'] extends 6
    ? never
    : Opaque<D> extends true
    ? never
    : [NonNullable<V>] extends [readonly (infer VE)[]]
      ? [NonNullable<D>] extends [readonly (infer DE)[]]
        ? Mismatches<DE, VE, `${Path}[]`, [...Depth, 0]>
        : `${Path}: 文档中不是数组`
      : [NonNullable<V>] extends [Prim]
        ? LeafMismatch<D, V, Path>
        : [NonNullable<V>] extends [object]
          ? [NonNullable<D>] extends [object]
            ? {
                [K in keyof NonNullable<V> & string]-?: K extends keyof NonNullable<D>
                  ? Mismatches<NonNullable<D>[K], NonNullable<V>[K], `${Path}.${K}`, [...Depth, 0]>
                  : `${Path}.${K}: 文档中没有`;
              }[keyof NonNullable<V> & string]
            : `${Path}: 文档中不是对象`
          : never;
