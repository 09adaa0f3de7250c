// Starts GraphiQL against this node's /graphql endpoint. Same-origin requests
// carry the admin login cookie, so mutations work after logging in on /login.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# casenode GraphQL: frameworks, items, search and the crosswalk.',
    '# Press the run button (or Ctrl-Enter). The Docs panel describes every field.',
    '{',
    '  frameworks(first: 10) {',
    '    nodes { identifier title itemCount }',
    '  }',
    '}',
    ''
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery }));
})();
