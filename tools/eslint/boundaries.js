// Module boundaries, enforced by `npm run lint` (and so by CI), not by reviewers:
//   1. a route (or a shared component) never touches the database: no drizzle, no better-sqlite3,
//      nothing under db/, not app/utils/db.server;
//   2. a module imports only its own schema file (db/schema/<module>.ts), never the db/schema barrel;
//   3. a module, a route, a job or a component reaches another module only through that module's
//      public files: <module>.server.ts (its verbs), <module>.schema.ts, <module>.messages.ts,
//      <module>.*.ts(x), its .tsx components, and the few files a module declares public in
//      `publicFiles` (auth's actor, roles and permission map, say).
// Tests beside a module may read any table to check what a verb wrote; they are not held to 2 and 3.
import fs from 'node:fs'
import path from 'node:path'

const DB_PACKAGES = [/^drizzle-orm(\/|$)/, /^better-sqlite3$/]

function where(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/')
  const module = rel.match(/^app\/modules\/([^/]+)\//)?.[1]
  if (module) return { kind: 'module', module, rel }
  if (/^app\/jobs\//.test(rel)) return { kind: 'module', module: 'jobs', rel }
  if (/^app\/(routes|components)\//.test(rel) || /^app\/root\.tsx$/.test(rel)) return { kind: 'route', rel }
  return { kind: 'other', rel }
}

function target(root, fromFile, source) {
  if (!source.startsWith('.')) return { package: source }
  const abs = path.resolve(path.dirname(fromFile), source)
  return { rel: path.relative(root, abs).split(path.sep).join('/') }
}

function isPublic(rel, publicFiles) {
  const m = rel.match(/^app\/modules\/([^/]+)\/(.+)$/)
  if (!m) return true
  const [, module, file] = m
  if (file.includes('/')) return false
  if (file.endsWith('.tsx')) return true
  const base = file.replace(/\.(tsx?|jsx?)$/, '')
  if (base === module || base.startsWith(`${module}.`)) return true
  return (publicFiles[module] ?? []).some((p) => p.replace(/\.(tsx?|jsx?)$/, '') === base)
}

export default {
  rules: {
    boundaries: {
      meta: {
        type: 'problem',
        docs: { description: 'Modules own their tables and talk to each other through public verbs; routes never touch the database.' },
        schema: [{ type: 'object', properties: { root: { type: 'string' }, publicFiles: { type: 'object' } }, additionalProperties: false }],
        messages: {
          routeDb: 'A route or component never touches the database ({{what}}): call a service verb of the module that owns the data.',
          barrel: 'Import the module\u2019s own schema file (db/schema/{{module}}.ts), not the db/schema barrel, so the tables a module touches are visible.',
          foreignSchema: 'The {{module}} module may not use the tables of {{owner}} (db/schema/{{owner}}.ts): call a public verb of the {{owner}} module instead.',
          privateFile: '{{file}} is inside the {{owner}} module: import its public verbs ({{owner}}.server.ts) or another public file instead.',
          transaction: 'Write through the kit\u2019s mutate(actor, fn): one immediate transaction, audit and after-commit delivery in one place.',
        },
      },
      create(context) {
        const options = context.options[0] ?? {}
        const root = options.root ?? context.cwd
        const publicFiles = options.publicFiles ?? {}
        const file = context.filename
        const here = where(root, file)
        if (here.kind === 'other') return {}
        const isTest = /\.test\.tsx?$/.test(file)
        function check(node, source) {
          const t = target(root, file, source)
          if (t.package) {
            if (here.kind === 'route' && DB_PACKAGES.some((re) => re.test(t.package))) context.report({ node, messageId: 'routeDb', data: { what: t.package } })
            return
          }
          const rel = t.rel
          if (here.kind === 'route' && (/^db(\/|$)/.test(rel) || /^app\/utils\/db\.server$/.test(rel.replace(/\.(ts|js)$/, '')))) {
            context.report({ node, messageId: 'routeDb', data: { what: source } })
            return
          }
          if (here.kind === 'module' && !isTest) {
            const schema = rel.replace(/\.(ts|js)$/, '').match(/^db\/schema(?:\/([^/]+))?$/)
            if (schema) {
              const owner = schema[1]
              if (!owner || owner === 'index') context.report({ node, messageId: 'barrel', data: { module: here.module } })
              else if (owner !== here.module) context.report({ node, messageId: 'foreignSchema', data: { module: here.module, owner } })
              return
            }
          }
          const owner = rel.match(/^app\/modules\/([^/]+)\//)?.[1]
          if (owner && !(here.kind === 'module' && owner === here.module) && !isTest) {
            const withExt = /\.(tsx?|jsx?)$/.test(rel) ? rel : fs.existsSync(path.join(root, rel + '.tsx')) ? rel + '.tsx' : rel + '.ts'
            if (!isPublic(withExt, publicFiles)) context.report({ node, messageId: 'privateFile', data: { file: rel, owner } })
          }
        }
        return {
          ImportDeclaration(node) {
            check(node, node.source.value)
          },
          ImportExpression(node) {
            if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value)
          },
          ExportNamedDeclaration(node) {
            if (node.source) check(node, node.source.value)
          },
          ExportAllDeclaration(node) {
            check(node, node.source.value)
          },
          CallExpression(node) {
            if ((here.kind === 'module' || here.kind === 'route') && !isTest && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'transaction') {
              context.report({ node, messageId: 'transaction' })
            }
          },
        }
      },
    },
  },
}
