// A certified OpenID provider (npm oidc-provider) on loopback for the single sign-on browser tests.
// Prints "OIDC provider listening on http://127.0.0.1:<port>" once it accepts requests.
// Environment: OIDC_PORT (default 0 = any free port), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET.
import http from 'node:http';
import Provider, { interactionPolicy } from 'oidc-provider';

const clientId = process.env.OIDC_CLIENT_ID ?? 'liftoff-tests';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'liftoff-tests-secret';

// Test accounts: the login name is the subject. Any password is accepted (development login form).
const accounts = {
  'ada': { email: 'ada@sso.test', email_verified: true },
  'bert': { email: 'bert@sso.test', email_verified: true },
  'bert-twin': { email: 'bert@sso.test', email_verified: true },
  'una': { email: 'una@sso.test', email_verified: false },
  'nobody': { email: 'nobody@sso.test', email_verified: true },
};

// The app is first-party: no consent page, also not the one oidc-provider shows native clients each time.
const policy = interactionPolicy.base();
policy.get('consent').checks.remove('native_client_prompt');

const server = http.createServer();
server.listen(Number(process.env.OIDC_PORT ?? 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      // A native client on loopback: the app's port may be any (RFC 8252, section 7.3).
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/signin-oidc'],
      post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    interactions: { policy },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    // Grants the requested scopes without asking.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        return ctx.oidc.provider.Grant.find(grantId);
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, err) => console.error(err));
  server.on('request', provider.callback());
  console.log(`OIDC provider listening on ${issuer}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
