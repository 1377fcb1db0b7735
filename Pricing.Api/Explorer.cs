namespace Pricing.Gateway;

/// <summary>
/// A small GraphQL explorer served by the gateway itself (works offline, no CDN): a query and variables editor, the
/// result, and the schema's queries and mutations listed from introspection. It runs as the browser's signed-in
/// session, so it fetches the session's anti-forgery token first (docs/api.md, Sign-in and roles).
/// </summary>
internal static class Explorer
{
    public const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Pricing grid · GraphQL explorer</title><link rel="icon" href="data:,">
        <style>
          body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 1fr 1fr 280px; height: 100vh; }
          textarea, pre { font: 13px ui-monospace, monospace; width: 100%; box-sizing: border-box; margin: 0; }
          textarea { height: 60%; padding: 8px; } #vars { height: calc(40% - 80px); }
          pre { height: calc(100vh - 48px); overflow: auto; background: #f6f8fa; padding: 8px; }
          section { padding: 8px; overflow: auto; border-right: 1px solid #ddd; }
          button { margin: 6px 0; padding: 6px 16px; } h2 { font-size: 14px; margin: 4px 0; } li { cursor: pointer; }
        </style></head>
        <body>
        <section><h2>Query</h2>
        <textarea id="query" aria-label="GraphQL query">{
          anomalies(first: 5) { totalCount nodes { id sku salesOrg customerId dt severity reasons marginPct mlScore } pageInfo { hasNextPage endCursor } }
        }</textarea>
        <h2>Variables (JSON)</h2><textarea id="vars" aria-label="variables">{}</textarea>
        <button id="run">Run (Ctrl+Enter)</button></section>
        <section><h2>Result</h2><pre id="result"></pre></section>
        <section><h2>Schema</h2><ul id="fields"></ul></section>
        <script>
          const session = fetch('/api/auth/me').then(r => r.ok ? r.json() : null);
          const post = async (query, variables) => {
            const me = await session;
            if (!me) return { errors: [{ message: 'Not signed in: sign in on the home page, then reload this one.' }] };
            return fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'X-CSRF-Token': me.csrfToken ?? '' },
              body: JSON.stringify({ query, variables }) }).then(r => r.json());
          };
          async function run() {
            let variables = {};
            try { variables = JSON.parse(document.getElementById('vars').value || '{}'); }
            catch (e) { document.getElementById('result').textContent = 'variables: ' + e.message; return; }
            const result = await post(document.getElementById('query').value, variables);
            document.getElementById('result').textContent = JSON.stringify(result, null, 2);
          }
          document.getElementById('run').onclick = run;
          document.addEventListener('keydown', e => { if (e.ctrlKey && e.key === 'Enter') run(); });
          const show = t => t ? (t.kind === 'NON_NULL' ? show(t.ofType) + '!' : t.kind === 'LIST' ? '[' + show(t.ofType) + ']' : t.name) : '';
          post('{ __schema { queryType { fields { name description args { name type { kind name ofType { kind name ofType { kind name } } } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } mutationType { fields { name description args { name type { kind name ofType { kind name } } } } } } }')
            .then(({ data, errors }) => {
              if (!data) { document.getElementById('result').textContent = JSON.stringify({ errors }, null, 2); return; }
              const list = document.getElementById('fields');
              for (const [root, type] of [['query', data.__schema.queryType], ['mutation', data.__schema.mutationType]])
                for (const f of type.fields) {
                  const li = document.createElement('li');
                  li.textContent = root + ' ' + f.name + '(' + f.args.map(a => a.name + ': ' + show(a.type)).join(', ') + ')';
                  li.title = f.description || '';
                  list.appendChild(li);
                }
            });
        </script></body></html>
        """;
}
