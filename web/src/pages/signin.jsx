import { useState } from 'preact/hooks';
import { login, register, fieldErrors } from '../api.js';
import { ErrorBox, Field, useAction } from '../ui.jsx';

export function SignIn({ mode, reason }) {
  const [form, setForm] = useState({ email: '', password: '', name: '', role: 'USER', totpCode: '' });
  const [needsCode, setNeedsCode] = useState(false);
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  const isRegister = mode === 'register';
  const errors = fieldErrors(action.error);

  const submit = (e) => {
    e.preventDefault();
    action.run(async () => {
      try {
        if (isRegister) await register(form.email, form.password, form.name, form.role);
        else await login(form.email, form.password, form.totpCode);
        if (location.hash.startsWith('#/signin') || location.hash.startsWith('#/register')) location.hash = '#/marketplace';
      } catch (err) {
        if (err.code === 'TOTP_REQUIRED') setNeedsCode(true);
        throw err;
      }
    });
  };

  return (
    <section class="narrow">
      <h1>{isRegister ? 'Create an account' : 'Sign in'}</h1>
      {reason && <p>{reason}</p>}
      <form onSubmit={submit} class="card">
        {isRegister && <Field label="Name" error={errors.name}><input value={form.name} onInput={set('name')} autocomplete="name" required /></Field>}
        <Field label="Email" error={errors.email}><input type="email" value={form.email} onInput={set('email')} autocomplete="email" required /></Field>
        <Field label="Password" hint={isRegister ? '10+ characters from at least two classes (letters, digits, symbols).' : undefined} error={errors.password}>
          <input type="password" value={form.password} onInput={set('password')} autocomplete={isRegister ? 'new-password' : 'current-password'} required />
        </Field>
        {isRegister && (
          <Field label="I want to" error={errors.role}>
            <select value={form.role} onChange={set('role')}>
              <option value="USER">follow strategies (subscriber)</option>
              <option value="PROVIDER">publish strategies (provider)</option>
            </select>
          </Field>
        )}
        {!isRegister && needsCode && (
          <Field label="Two-factor code" hint="The 6 digits from your authenticator app." error={errors.totpCode}>
            <input inputmode="numeric" autocomplete="one-time-code" value={form.totpCode} onInput={set('totpCode')} />
          </Field>
        )}
        <ErrorBox error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>{isRegister ? 'Create account' : 'Sign in'}</button>
      </form>
      <p>{isRegister ? <>Have an account? <a href="#/signin">Sign in</a></> : <>New here? <a href="#/register">Create an account</a></>}</p>
    </section>
  );
}
