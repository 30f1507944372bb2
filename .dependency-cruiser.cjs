/**
 * The architecture as rules (`npm run deps`, part of `npm test`): dependencies run one way,
 * infra → functions → shared/<context> → shared/platform; contexts depend on contexts only
 * downwards along `contexts` below; a context is entered through its public surface (its
 * `index.ts`, plus the key builders in its `entities.ts`); no cycles anywhere.
 */

/** Bounded contexts of `shared/`, lowest first: each may use only those before it. */
const contexts = [
  'accounts',
  'jobs',
  'signoff',
  'traffic',
  'cost',
  'creative',
  'media',
  'billing',
  'client-record',
];

const contextRules = contexts.flatMap((context, i) => {
  const above = contexts.slice(i + 1);
  return above.length === 0
    ? []
    : [
        {
          name: `${context}-not-above`,
          comment: `${context} may use only ${['platform', ...contexts.slice(0, i)].join(', ')}, never ${above.join(', ')}.`,
          severity: 'error',
          from: { path: `^shared/${context}/` },
          to: { path: `^shared/(${above.join('|')})/` },
        },
      ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle makes the order of the rooms meaningless.',
      severity: 'error',
      from: { path: '^(shared|functions|infra|web|scripts|bench)/' },
      to: { circular: true },
    },
    {
      name: 'platform-knows-no-context',
      comment: 'shared/platform is the floor: table access, errors, ids, mail, storage, calendars.',
      severity: 'error',
      from: { path: '^shared/platform/' },
      to: { path: `^shared/(?!platform/)` },
    },
    ...contextRules,
    {
      name: 'context-public-surface',
      comment:
        'Another context is entered through its index.ts (services, schemas) or its entities.ts (key builders), never its internals.',
      severity: 'error',
      from: { path: '^(shared/([^/]+)|functions|scripts|bench|infra)/' },
      to: {
        path: `^shared/(${contexts.join('|')})/`,
        pathNot: [`^shared/(${contexts.join('|')})/(index|entities)\\.ts$`, '^shared/$2/'],
      },
    },
    {
      name: 'shared-is-the-domain',
      comment:
        'shared/ holds no HTTP, no CDK and no entry point: it never imports functions/, infra/ or web/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|web|scripts|bench|tests)/' },
    },
    {
      name: 'shared-free-of-http-and-cdk',
      comment: 'No HTTP framework, Lambda event types or CDK in the domain.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: 'node_modules/(aws-cdk-lib|constructs|@middy|@types/aws-lambda|cdk-nag)/' },
    },
    {
      name: 'functions-below-infra',
      comment: 'Entry points never import the CDK app or the local runner.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(infra|web|scripts|bench|tests)/|node_modules/(aws-cdk-lib|constructs|cdk-nag)/' },
    },
    {
      name: 'cdk-infra-uses-no-domain',
      comment: 'The CDK app reads routes and settings, never domain logic (synthesizing must not load it).',
      severity: 'error',
      from: { path: '^infra/', pathNot: '^infra/local/' },
      to: { path: `^shared/(${contexts.join('|')})/` },
    },
    {
      name: 'web-only-calls-the-api',
      comment: 'The staff console talks to the public HTTP API only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(shared|functions|infra|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.local|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
