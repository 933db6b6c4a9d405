// Tiny sites made by the real generators from Debian (jekyll, hugo, mkdocs),
// each with one post holding fenced blocks tagged backprop, and the
// element's files from dist/ installed the way each generator's README
// section says. Each builder writes its sources into `dir`/src, runs the
// generator, and returns the built site's directory.
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

// The post: two good blocks, a bad one, and a code block of another
// language that must stay as it is. `open` is the fence's opening line.
export function post(open = '```backprop') {
  return `A post with live figures.

${open}
graph: sigmoid
x: 0.5
\`\`\`

Some text between them.

${open}
expr: (x+y)*z
vars: x=-2, y=5, z=-4
\`\`\`

${open}
graph: relu
colour: red
x: abc
\`\`\`

\`\`\`python
def relu(x): return max(0, x)
\`\`\`
`;
}

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
    writeFileSync(path.join(dir, name), text);
  }
}

function copyDist(to) {
  mkdirSync(to, {recursive: true});
  for (const f of readdirSync(DIST).filter((name) => name.endsWith('.js'))) copyFileSync(path.join(DIST, f), path.join(to, f));
}

const run = (command, args) => execFileSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8'});

// Jekyll (kramdown, GFM, rouge: its defaults). The layout loads the script.
export function jekyll(dir, {config = ''} = {}) {
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'site');
  write(src, {
    '_config.yml': `title: A blog\n${config}`,
    '_layouts/default.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}</title>
<script type="module" src="{{ '/assets/backprop-graph.js' | relative_url }}"></script>
</head><body><main>{{ content }}</main></body></html>
`,
    'index.md': `---\nlayout: default\ntitle: Post\n---\n${post()}\nAnd kramdown's own fence:\n\n~~~ backprop\ngraph: sigmoid-steps\nx: 0.5\nstep: 5\n~~~\n`,
  });
  copyDist(path.join(src, 'assets'));
  run('jekyll', ['build', '--quiet', '--source', src, '--destination', out, '--disable-disk-cache']);
  return out;
}

// Hugo (goldmark, chroma). `highlight`: [markup.highlight] settings; `open`:
// the fences' opening line.
export function hugo(dir, {highlight = '', open} = {}) {
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'site');
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<script type="module" src="{{ "backprop-graph.js" | relURL }}"></script>
</head><body><main>{{ .Content }}</main></body></html>
`;
  write(src, {
    'config.toml': `baseURL = "http://127.0.0.1/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[markup.highlight]\n${highlight}\n`,
    'layouts/index.html': page,
    'layouts/_default/single.html': page,
    'content/_index.md': `---\ntitle: Post\n---\n${post(open)}`,
  });
  copyDist(path.join(src, 'static'));
  run('hugo', ['--quiet', '--source', src, '--destination', out]);
  return out;
}

// MkDocs (Python-Markdown; its own theme). `extensions`: the
// markdown_extensions block of mkdocs.yml. The theme's extrahead block
// loads the script (MkDocs 1.4's extra_javascript cannot say type=module).
export function mkdocs(dir, {extensions = ''} = {}) {
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'site');
  write(src, {
    'mkdocs.yml': `site_name: A blog\ntheme:\n  name: mkdocs\n  custom_dir: overrides\n${extensions}`,
    'overrides/main.html': `{% extends "base.html" %}
{% block extrahead %}<script type="module" src="{{ 'js/backprop-graph.js' | url }}"></script>{% endblock %}
`,
    'docs/index.md': `# Post\n\n${post()}`,
  });
  copyDist(path.join(src, 'docs', 'js'));
  run('mkdocs', ['build', '--quiet', '--config-file', path.join(src, 'mkdocs.yml'), '--site-dir', out]);
  return out;
}

// The custom fence that MkDocs needs beside codehilite or
// pymdownx.highlight (which drop a fence's language), as Mermaid's.
export const SUPERFENCES = `  - pymdownx.superfences:
      custom_fences:
        - name: backprop
          class: backprop
          format: !!python/name:pymdownx.superfences.fence_code_format
`;
