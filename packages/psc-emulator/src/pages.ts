// HTML of the emulator's own pages (French UI, like PSC). Minimal and script-free except the logout auto-submit.

import type { PscTestUser } from './users.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
h1{font-size:1.4rem}fieldset{border:1px solid #ccc;padding:1rem}label{display:block;margin:.4rem 0}
button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem}.note{color:#555;font-size:.9rem}.error{color:#b00020}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** Login page: pick one of the test professionals (stands for the CPS card / e-CPS step of the real PSC). */
export function renderLoginPage(users: readonly PscTestUser[], clientId: string, error?: string): string {
  const options = users
    .map(
      (u, i) =>
        `<label><input type="radio" name="user" value="${escapeHtml(u.userinfo.SubjectNameID)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.label)} <span class="note">(${escapeHtml(u.userinfo.SubjectNameID)})</span></label>`,
    )
    .join('\n');
  return page(
    'Pro Santé Connect — émulateur',
    `<h1>Pro Santé Connect — émulateur de test</h1>
<p class="note">Environnement de développement : aucune carte CPS ni e-CPS n'est demandée. Application : ${escapeHtml(clientId)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post"><fieldset><legend>Choisissez un professionnel de test</legend>
${options}
</fieldset><button type="submit">Se connecter</button></form>`,
  );
}

/**
 * RP-initiated logout confirmation. PSC redirects without asking; the emulator keeps oidc-provider's CSRF-protected
 * form but submits it automatically (the button remains for browsers without scripts).
 */
export function renderLogoutPage(form: string): string {
  const withConfirmation = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    'Déconnexion — Pro Santé Connect (émulateur)',
    `<h1>Déconnexion</h1>${withConfirmation}
<button type="submit" form="op.logoutForm">Se déconnecter</button>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function renderPostLogoutPage(): string {
  return page('Déconnecté — Pro Santé Connect (émulateur)', '<h1>Vous êtes déconnecté de Pro Santé Connect (émulateur).</h1>');
}
