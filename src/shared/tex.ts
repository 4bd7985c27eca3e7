/**
 * TeX escaping for BibTeX export, and the reverse for BibTeX import. Pure.
 *
 * Titles from arXiv and HF are raw TeX source (arxiv-pages.md §3: `Prefill \& Decode`, `$\ell_1$-…`), but also
 * carry bare specials (`HiddenTables & PyQTax`, `Earn $1 Million`). So escaping must be TeX-aware: math
 * (`$…$`, paired) and existing escapes / commands stay as written; bare specials get escaped; non-ASCII
 * letters become accent commands so classic 8-bit BibTeX copes (`Ü` → `{\"U}`).
 */

/** Combining mark (after NFD) → TeX accent command. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0306': 'u', '\u0307': '.',
  '\u0308': '"', '\u030A': 'r', '\u030B': 'H', '\u030C': 'v', '\u0327': 'c', '\u0328': 'k',
};
/** Letters that are not base + combining mark. */
const LETTERS: Record<string, string> = {
  'ß': '{\\ss}', 'æ': '{\\ae}', 'Æ': '{\\AE}', 'œ': '{\\oe}', 'Œ': '{\\OE}', 'ø': '{\\o}', 'Ø': '{\\O}',
  'ł': '{\\l}', 'Ł': '{\\L}', 'ı': '{\\i}', 'đ': '{\\dj}', 'Đ': '{\\DJ}', 'å': '{\\aa}', 'Å': '{\\AA}',
};
const SPECIAL: Record<string, string> = {
  '&': '\\&', '%': '\\%', '#': '\\#', '_': '\\_', '$': '\\$', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};

/** A letter-like char (plus any combining marks) → TeX; letters with no TeX form stay as UTF-8. */
function texLetter(ch: string): string {
  if (LETTERS[ch]) return LETTERS[ch];
  const [base = '', ...marks] = [...ch.normalize('NFD')];
  if (marks.length !== 1 || !/^[A-Za-z]$/.test(base)) return ch;
  const accent = ACCENTS[marks[0]!];
  if (!accent) return ch;
  const letter = base === 'i' ? '\\i' : base;
  return /[a-z]/i.test(accent) ? `{\\${accent}{${letter}}}` : `{\\${accent}${letter}}`;
}

/** Positions of `$` that open/close math: unescaped ones, in pairs. An odd one out is a literal dollar. */
function mathDollars(s: string): Set<number> {
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] === '$' && s[i - 1] !== '\\') at.push(i);
  if (at.length % 2 === 1) at.pop(); // "Earn $1 Million": an unpaired `$` is money, not math
  return new Set(at);
}

/** Braces are TeX grouping only if they balance; otherwise they are literal and get escaped. */
function bracesBalance(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i - 1] === '\\') continue;
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

export function texEscape(input: string): string {
  const s = input.replace(/\s+/g, ' ').trim();
  const dollars = mathDollars(s);
  const keepBraces = bracesBalance(s);
  let out = '';
  let inMath = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (dollars.has(i)) {
      inMath = !inMath;
      out += ch;
    } else if (inMath) {
      out += ch;
    } else if (ch === '\\') {
      const next = s[i + 1];
      if (next === undefined) out += '\\textbackslash{}';
      else if (/[A-Za-z]/.test(next)) { // a command: copy its name
        const name = /^[A-Za-z]+/.exec(s.slice(i + 1))![0];
        out += `\\${name}`;
        i += name.length;
      } else { // an escape (`\&`, `\$`, `\ `, `\{`): keep as is
        out += ch + next;
        i++;
      }
    } else if (ch === '{' || ch === '}') {
      out += keepBraces ? ch : `\\${ch}`;
    } else if (SPECIAL[ch]) {
      out += SPECIAL[ch];
    } else if (ch.charCodeAt(0) > 127) {
      // Take the whole grapheme (letter + combining marks) for the accent table.
      let cluster = ch;
      while (i + 1 < s.length && /\p{M}/u.test(s[i + 1]!)) cluster += s[++i];
      out += texLetter(cluster.normalize('NFC'));
    } else {
      out += ch;
    }
  }
  return out;
}

const UNACCENT: Record<string, string> = Object.fromEntries(Object.entries(ACCENTS).map(([mark, cmd]) => [cmd, mark]));
const UNLETTER: Record<string, string> = Object.fromEntries(Object.entries(LETTERS).map(([ch, tex]) => [tex.slice(2, -1), ch]));
const UNSPECIAL: Record<string, string> = { '\\textasciitilde{}': '~', '\\textasciicircum{}': '^', '\\textbackslash{}': '\\' };

/**
 * The reverse, for import: accent commands → Unicode, `\textasciitilde{}` & co. → the char. Escapes of specials
 * (`\&`) and math stay as TeX, which is the form titles are stored in (same as arXiv's).
 */
export function texUnescape(input: string): string {
  let s = input.replace(/\s+/g, ' ').trim();
  for (const [tex, ch] of Object.entries(UNSPECIAL)) s = s.split(tex).join(ch);
  // {\"u}, {\'{e}}, \"u, {\c{c}}, {\'\i}
  const accent = (whole: string, cmd: string, braced?: string, bare?: string): string => {
    const letter = braced ?? bare;
    const mark = UNACCENT[cmd];
    return mark && letter ? `${letter === '\\i' ? 'i' : letter}${mark}`.normalize('NFC') : whole;
  };
  // Symbol accents take a bare or braced letter (\"u, {\"u}, \'{e}); letter accents only a braced one (\c{c}),
  // so `\url` or `\v` inside a word is never taken for an accent.
  s = s.replace(/\{?\\([`'^~=".])\s*(?:\{(\\i|[A-Za-z])\}|(\\i|[A-Za-z]))\}?/g, accent);
  s = s.replace(/\{?\\([uvHrck])\{(\\i|[A-Za-z])\}\}?/g, (whole, cmd: string, letter: string) => accent(whole, cmd, letter));
  s = s.replace(/\{\\(ss|ae|AE|oe|OE|o|O|l|L|i|dj|DJ|aa|AA)\}/g, (whole, name: string) => UNLETTER[name] ?? whole);
  return s;
}
