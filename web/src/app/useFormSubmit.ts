import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { applyFieldErrors } from './formErrors';

/**
 * The submit of a form that sends its values to the service. Nothing is sent until the form's own rules
 * pass (the failing fields are marked and the dialog stays open); while the call runs, `busy` is true; a
 * refusal is kept in `error` for the ProblemAlert, and each field the service named is marked where it is.
 * `fields` are the form's top-level field names (see applyFieldErrors); `handled` may take a refusal the
 * form answers otherwise (asking for a confirmation), in which case no field is marked.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  fields: readonly string[],
  send: (values: V) => Promise<unknown>,
  options: { rename?: Record<string, string>; handled?: (error: unknown) => boolean } = {},
) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    // A failed validation already marks its fields; swallowing the rejection avoids an unhandled promise.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(undefined);
    try {
      await send(values);
    } catch (e) {
      setError(e);
      if (!options.handled?.(e)) applyFieldErrors(form, e, fields, options.rename);
    } finally {
      setBusy(false);
    }
  };
  const clearError = useCallback(() => setError(undefined), []);
  return { submit, busy, error, clearError };
}
