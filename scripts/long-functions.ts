/**
 * Lists the functions of src/ longer than a limit (default 80 lines) whose header gives no reason
 * to keep them whole (a "Kept whole: …" line in the comment above them), as STYLE.md asks: a long
 * function is split, or says why it is not. A function inside a listed one is part of it. Exits 1
 * when one is listed.
 *
 * @example
 *   npx tsx scripts/long-functions.ts        # or: npm run check:long-functions
 *   npx tsx scripts/long-functions.ts 60     # another limit
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const limit = Number(process.argv[2] ?? 80);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

const isFunction = (n: ts.Node): n is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);

/** The node whose leading comment is the function's header (a const's or property's for an arrow). */
function headerNode(n: ts.Node): ts.Node {
  let h = n;
  while (h.parent && (ts.isVariableDeclaration(h.parent) || ts.isVariableDeclarationList(h.parent) || ts.isVariableStatement(h.parent) || ts.isPropertyAssignment(h.parent) || ts.isObjectLiteralExpression(h.parent)))
    h = h.parent;
  return h;
}

const listed: string[] = [];
for (const file of sourceFiles('src')) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (isFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      if (lines > limit) {
        const header = [node, headerNode(node)]
          .flatMap((n) => ts.getLeadingCommentRanges(text, n.getFullStart()) ?? [])
          .map((r) => text.slice(r.pos, r.end))
          .join('\n');
        if (!/Kept whole:/.test(header)) {
          const name = (node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined))?.getText() ?? '(anonymous)';
          listed.push(`${lines}\t${file}:${first + 1}\t${name}`);
        }
        return; // what is inside is part of it
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const line of listed.sort((a, b) => Number(b.split('\t')[0]) - Number(a.split('\t')[0]))) console.log(line);
if (listed.length) {
  console.error(`${listed.length} function(s) over ${limit} lines without "Kept whole: …" in their header: split them, or say why not.`);
  process.exit(1);
}
