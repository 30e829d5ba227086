/* The journal's search worker, in place of Material's (main.html points Material at it;
   Material lets a site bring its own worker that speaks its messages). Material's worker
   builds a lunr index of every page's text in the browser before it answers: 9 s for
   10,000 abstracts. This one answers from the index the build cut into shards
   (src/journal/search_index.py): a query fetches only the shards its words need.

   Messages: SETUP (0) brings search/search_index.json (config.journal: the index's version,
   the shards' names, the stop words and letter folds); READY (1) answers it. QUERY (2)
   brings what the reader typed; RESULT (3) answers with the matching documents, grouped by
   page: most query words matched first, then the highest score. Ranking and grouping also
   need search/documents.json (which documents are sections of which page, which are
   articles), which this worker fetches as it starts, off the page's main thread. What a
   result shows (location, title, tags, teaser) is in search/documents/<n>.json, a chunk of
   documents by position: a query fetches the chunks of the results Material shows at once
   (the first FIRST pages) and answers with the results whose chunks are in (those first
   ones, and any after them already fetched); it then fetches the other chunks (AHEAD at a
   time, beside the page showing the first answer) and answers again, complete, unless the
   reader has typed another query. A query the reader has typed past while it waits for
   files is dropped unanswered, so that it holds up neither the newer query nor the network.
   Every file but the settings says the index's version: a file of another build (the site
   deployed since the page loaded, or between two of a query's fetches), before the first
   answer or after it, makes the worker read the settings of the build now served, forget
   the files of the earlier one and ask the query again (`refresh`, `again`).

   A frequent word's shard holds only the postings of the pages that rank first for it (its
   head) and where the rest (its tail, a file apart) ranks below (`cut`). When the heads
   settle the first FIRST pages of the complete answer (`settled`: no other document could
   outrank them with the tails), those are the first answer; the tails are fetched after
   it, then the other chunks, and the complete answer is ranked from every posting. Else
   the tails are fetched first and the query is answered as any other.

   An article's result reads as a citation: Material shows a result's `text` as HTML, and
   this worker puts there, before the teaser, the article's authors (apart from the keywords,
   its tags), its type as a badge and its citation line ("J Clin Exp Oncol 2017;6(3):21"). */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const PREFIX_WEIGHT = 0.5; /* a word that only begins with the word being typed */
const RANK = 1e12; /* each query word matched outranks any score */
const PAGE_WEIGHT = 2; /* a page's own score counts double against its sections' */
/* Results shown in full: teaser and marked words. Later ones (Material shows them as the
   reader scrolls) bring title and tags only: "carcinoma" matches 9,333 documents at 10,000
   abstracts, and every byte of the answer is copied to the page's main thread. */
const FULL = 100;
/* Results whose documents a first answer waits for: Material shows ten at once and the
   next four only as the reader scrolls to the end of the list. */
const FIRST = 10;
const AHEAD = 4; /* chunks fetched at once for the rest of an answer */
const WORD = /[\p{L}\p{N}]+/gu; /* a word of normalised text (as Python's [^\W_]+) */
const SHOWN_WORD = /[\p{L}\p{N}\p{M}]+/gu; /* a word of the text shown, accents included */
const MARKUP = /(<[^>]*>|&[#\w]+;)/; /* parts of the shown HTML that are not words */
const root = new URL("../../", self.location.href); /* this file is assets/journal/ */

let version = "";
let docs = []; /* each document's card, from its chunk (search/documents/<n>.json) once loaded */
let chunkSize = 1; /* documents in a chunk */
let journal = ""; /* the abbreviation every article's citation starts with */
let types = []; /* article types' names; an article's `type` is a position here */
let parents = new Int32Array(0); /* each document's page: a section's page, or the document itself */
let articles = new Uint8Array(0); /* 1 for a document that is an article */
const chunks = new Map(); /* chunk number → promise of its documents */
let asked = 0; /* queries received: an answer completed late is posted only for the last */
let nudge = () => {};
let newer = new Promise(resolve => { nudge = resolve; }); /* settles when a query comes */
let shardKeys = new Set();
let stopWords = new Set();
let folds = new Map();
let foldable = /$^/u;
/* key → promise of {word: [doc, score, doc, score, ...], or a frequent word's {head, tail, cut}} */
const shards = new Map();
const tails = new Map(); /* "<key>.<n>" → promise of a frequent word's other postings */

/* As the index compares text (search_index.fold): compatibility forms split, lower case,
   accents removed, and the index's letter folds applied ("Łukasiewicz" → "lukasiewicz"). */
function normalise(text) {
  return text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "")
    .replace(foldable, letter => folds.get(letter));
}

/* A file of a build other than the one this page's settings name: the site was deployed
   again since the page loaded, or the browser kept an earlier build's file. */
class OtherBuild extends Error {}

/* One of the index's files; the version in its address keeps a cached file of another
   build out. */
async function load(path, stamp = version) {
  const url = new URL(path, root);
  if (stamp) url.searchParams.set("v", stamp);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/* The documents are fetched as the worker starts, beside the page's fetch of
   search_index.json, and again with the version if they are of another build. */
let early = load("search/documents.json", "").catch(() => null);

async function loadDocuments() {
  let data = early && await early;
  early = null;
  if (!data || data.version !== version) data = await load("search/documents.json");
  ofThisBuild(data, "search/documents.json");
  const count = data.count || 0;
  chunkSize = data.chunk || 1;
  journal = data.journal || "";
  types = data.types || [];
  /* Runs as search_index.py writes them: [first - the previous run's end, length, ...]. */
  parents = new Int32Array(count);
  for (let i = 0; i < count; i++) parents[i] = i;
  const sections = data.sections || [];
  for (let j = 0, end = 0; j < sections.length; j += 3) {
    const first = end + sections[j];
    end = first + sections[j + 1];
    parents.fill(first - sections[j + 2], first, end);
  }
  articles = new Uint8Array(count);
  const runs = data.articles || [];
  for (let j = 0, end = 0; j < runs.length; j += 2) {
    const first = end + runs[j];
    end = first + runs[j + 1];
    articles.fill(1, first, end);
  }
  docs = new Array(count);
  chunks.clear(); /* cards of this build only */
  return data;
}

/* What ranking and grouping need, loaded once (again after a failure); the setup and a
   query may both ask. */
let loading = null;
function documents() {
  if (!loading) {
    loading = loadDocuments().catch(err => {
      loading = null;
      throw err;
    });
  }
  return loading;
}

/* A file of the index as read, refused if of a build other than the settings'. */
function ofThisBuild(data, path) {
  if (version && data.version !== version) throw new OtherBuild(`${path}: of another build`);
  return data;
}

/* One chunk of cards, loaded once (again after a failure), refused if of another build. */
function chunk(number) {
  if (!chunks.has(number)) {
    const path = `search/documents/${number}.json`;
    const loaded = load(path).then(data => {
      ofThisBuild(data, path).documents.forEach((doc, i) => { docs[number * chunkSize + i] = doc; });
    }).catch(err => {
      if (chunks.get(number) === loaded) chunks.delete(number); /* asked again next time */
      throw err;
    });
    chunks.set(number, loaded);
  }
  return chunks.get(number);
}

/* The numbers of the chunks that hold the documents of these groups of results. */
function chunksOf(groups) {
  const numbers = new Set();
  for (const [, hits] of groups)
    for (const hit of hits) numbers.add(Math.floor(hit.doc / chunkSize));
  return [...numbers];
}

/* What query `id` waits for, or less: the wait ends when a newer query comes. */
function unlessNewer(promise, id) {
  return id === asked ? Promise.race([promise, newer]) : Promise.resolve();
}

/* The chunks of the results after the first, AHEAD at a time, so that the page shows the
   first answer beside them (a chunk that fails is asked once more); false if another query
   came meanwhile (it gets the network). */
async function completed(groups, id) {
  const numbers = chunksOf(groups);
  const again = number => chunk(number).catch(err => {
    if (id !== asked) throw err;
    return chunk(number);
  });
  for (let i = 0; i < numbers.length; i += AHEAD) {
    if (id !== asked) return false;
    await unlessNewer(Promise.all(numbers.slice(i, i + AHEAD).map(again)), id);
  }
  return id === asked;
}

function shardKey(word) {
  const bytes = new TextEncoder().encode([...word].slice(0, 2).join(""));
  return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}

/* A file's `field` (a shard's words, a tail's postings), loaded once and kept in `kept`
   under `name`, refused if of another build (forgotten after a failure: asked again next
   time). */
function loadOnce(kept, name, path, field) {
  if (!kept.has(name)) {
    const loaded = load(path).then(data => ofThisBuild(data, path)[field]).catch(err => {
      if (kept.get(name) === loaded) kept.delete(name);
      throw err;
    });
    kept.set(name, loaded);
  }
  return kept.get(name);
}

function shard(key) {
  if (!shardKeys.has(key)) return Promise.resolve({});
  return loadOnce(shards, key, `search/shards/${key}.json`, "words");
}

async function setup({ config }) {
  settings(config);
  /* Ready at once: a query's shards are fetched while the documents still load. */
  documents().catch(err => console.warn("Search documents not loaded yet:", err));
  return { type: READY };
}

function settings(config) {
  const journal = config.journal || {};
  version = journal.version || "";
  shardKeys = new Set(journal.shards || []);
  stopWords = new Set(journal.stop_words || []);
  folds = new Map(Object.entries(journal.folds || {}));
  if (folds.size) foldable = new RegExp(`[${[...folds.keys()].join("")}]`, "gu");
}

/* After a deploy: the index's settings of the build now served (past the browser's cache),
   and every file of the earlier one forgotten; false if the build is the same (a file the
   browser kept is then at fault, and asking again would not help). */
let refreshing = null;
function refresh() {
  if (!refreshing) {
    refreshing = fetch(new URL("search/search_index.json", root), { cache: "no-store" })
      .then(response => {
        if (!response.ok) throw new Error(`search/search_index.json: HTTP ${response.status}`);
        return response.json();
      })
      .then(data => {
        const before = version;
        settings(data.config || {});
        if (version === before) return false;
        shards.clear();
        tails.clear();
        chunks.clear();
        early = null;
        loading = null;
        return true;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/* The query's words; the last is a prefix while the reader may still be typing it. */
function queryTerms(query) {
  const words = normalise(query).match(WORD) || [];
  const typing = !/\s$/.test(query);
  const terms = [];
  words.forEach((word, i) => {
    const prefix = typing && i === words.length - 1 && [...word].length > 1;
    if (stopWords.has(word) && !prefix) return;
    const known = terms.find(term => term.word === word);
    if (known) known.prefix ||= prefix;
    else terms.push({ word, prefix });
  });
  return terms;
}

function matches(word, term) {
  return word === term.word || (term.prefix && word.startsWith(term.word));
}

/* Mark the query's words in a fragment of escaped HTML, leaving tags and entities alone.
   Marked words joined by a hyphen or an apostrophe are one mark ("Jean-Paul"), so that a
   name is not cut into pieces. */
function highlight(fragment, terms) {
  return fragment.split(MARKUP).map((part, i) => i % 2 ? part : part.replace(
    SHOWN_WORD,
    shown => terms.some(term => matches(normalise(shown), term))
      ? `<mark data-md-highlight>${shown}</mark>`
      : shown
  )).join("").replace(/<\/mark>([-\u2010\u2011'\u2019])<mark data-md-highlight>/g, "$1");
}

/* What an article's result shows before its teaser: authors, type badge, citation line. */
function card(doc, mark) {
  if (doc.cite === undefined) return "";
  const authors = (doc.authors || []).map(mark).join(", ");
  const type = types[doc.type];
  return (authors ? `<p class="journal-result__authors">${authors}</p>` : "")
    + '<p class="journal-result__source">'
    + (type ? `<span class="journal-badge journal-result__type">${type}</span> ` : "")
    + `<span class="journal-result__citation">${journal} ${doc.cite}</span></p>`;
}

/* A query's answer; once more with the settings of a build deployed since (see again). */
async function search(query, id) {
  try {
    return await answerOnce(query, id);
  } catch (err) {
    return again(err, query, id);
  }
}

/* After a query failed with `err`: its answer with the settings of the build now served if
   a file was of another build (see refresh), else the failure (null if typed past). */
async function again(err, query, id) {
  if (id !== asked) return null; /* typed past: its failure is not shown */
  if (!(err instanceof OtherBuild)) throw err;
  const refreshed = refresh();
  refreshed.catch(() => {});
  await unlessNewer(refreshed, id);
  if (id !== asked) return null;
  if (!(await refreshed)) throw err;
  return answerOnce(query, id);
}

async function answerOnce(query, id) {
  if (id !== asked) return null; /* typed past before it began */
  const terms = queryTerms(query);
  if (!terms.length) return { items: [] };
  const keys = terms.map(term => shardKey(term.word));
  const loaded = Promise.all([documents(), ...keys.map(shard)]);
  loaded.catch(() => {}); /* a failure is this query's, reported below if it is still asked */
  await unlessNewer(loaded, id);
  if (id !== asked) return null; /* typed past: the newer query is answered instead */
  const [, ...tables] = await loaded;
  const words = matching(terms, tables, keys);
  const split = words.filter(word => word.cut);

  /* A frequent word's shard holds the postings of the pages that rank first for it (its
     head): when they settle the first results, those are the first answer, and the rest
     (its tail) comes after. */
  let list = split.length ? settled(terms, words) : [];
  let whole = split.length === 0; /* the list holds every result */
  const complete = async () => {
    const rests = Promise.all(split.map(word => tail(word.key, word.tail)));
    rests.catch(() => {});
    await unlessNewer(rests, id);
    if (id !== asked) return false;
    list = ranked(terms, words, await rests);
    whole = true;
    return true;
  };
  if (whole) list = ranked(terms, words, []);
  else if (list.length < FIRST && !(await complete())) return null;
  const first = Promise.all(chunksOf(list.slice(0, FIRST)).map(chunk));
  first.catch(() => {});
  await unlessNewer(first, id);
  if (id !== asked) return null;
  await first;
  const answer = results(list, terms);
  if (answer.items.length < list.length || !whole) {
    /* The other results (with the tails of frequent words) and their cards, then the
       complete answer, if no other query came since. */
    const rest = async () =>
      (whole || await complete()) ? completed(list.slice(answer.items.length), id) : false;
    /* A tail or chunk of another build: the query asked again of the build now served,
       whose answer replaces this one (none of two builds' files). */
    rest()
      .then(done => done && { items: results(list, terms).items },
        err => again(err, query, id))
      .then(data => {
        if (data && id === asked) postMessage({ type: RESULT, data });
      })
      .catch(err => console.warn(`Search results not completed for "${query}":`, err));
  }
  return { items: answer.items };
}

/* The indexed words each query word matches: {t (the query word's position), word, weight,
   postings (a frequent word's head), and for a frequent word its tail's `key` and number
   and `cut` (see search_index._split)}. */
function matching(terms, tables, keys) {
  const words = [];
  const entry = (t, word, weight) => {
    const found = tables[t][word];
    if (Array.isArray(found)) words.push({ t, word, weight, postings: found });
    else {
      const { head: postings, tail, cut } = found;
      words.push({ t, word, weight, postings, key: keys[t], tail, cut });
    }
  };
  terms.forEach((term, t) => {
    const table = tables[t];
    if (Object.hasOwn(table, term.word)) entry(t, term.word, 1);
    if (term.prefix) {
      for (const word of Object.keys(table))
        if (word !== term.word && word.startsWith(term.word)) entry(t, word, PREFIX_WEIGHT);
    }
  });
  return words;
}

/* doc → {score, matched: the query words it has, best: each query word's best score} from
   these postings (tails[i]: the tail of the i-th frequent word, if loaded). */
function scored(terms, words, tails = []) {
  const found = new Map();
  let split = 0;
  terms.forEach((term, t) => {
    const best = new Map();
    const add = (postings, weight) => {
      for (let j = 0; j < postings.length; j += 2) {
        const score = postings[j + 1] * weight;
        if (!(best.get(postings[j]) >= score)) best.set(postings[j], score);
      }
    };
    for (const word of words) {
      if (word.t !== t) continue;
      add(word.postings, word.weight);
      if (word.cut) {
        const rest = tails[split++];
        if (rest) add(rest, word.weight);
      }
    }
    for (const [doc, score] of best) {
      const entry = found.get(doc) || { score: 0, matched: new Set(), best: [] };
      entry.score += score;
      entry.matched.add(t);
      entry.best[t] = score;
      found.set(doc, entry);
    }
  });
  return found;
}

function rankOf(doc, { score, matched }) {
  return matched.size * RANK + score * (parents[doc] === doc ? PAGE_WEIGHT : 1);
}

/* Hits in the order shown: rank, then position. */
function byRank(a, b) {
  return b.rank - a.rank || a.doc - b.doc;
}

/* Every result: the matching documents grouped by page, in the order shown. */
function ranked(terms, words, tails) {
  const hits = [...scored(terms, words, tails)]
    .map(([doc, entry]) => ({ doc, rank: rankOf(doc, entry), matched: entry.matched }));
  return grouped(hits.sort(byRank));
}

/* Ranked hits grouped by page: as Material does, a page outranks its own sections. */
function grouped(ranked) {
  const groups = new Map();
  for (const hit of ranked) {
    const page = parents[hit.doc];
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(hit);
  }
  for (const [page, hits] of groups) {
    if (!hits.some(hit => hit.doc === page)) hits.push({ doc: page, rank: 0, matched: new Set() });
    if (articles[page]) {
      /* An article's page comes first, above its sections' score: Material shows the text
         (the citation) of a page only then. */
      const at = hits.findIndex(hit => hit.doc === page);
      const [article] = hits.splice(at, 1);
      article.rank = Math.max(article.rank, ...hits.map(hit => hit.rank + 1));
      hits.unshift(article);
    }
  }
  return [...groups];
}

/* The first groups of the complete answer that the heads of the frequent words settle
   (perhaps none). A page is settled when it is in the head of every frequent word the
   query matches (all its postings of them are in), and comes first when it outranks
   what any other document could reach with the tails: a document of another page by its
   best score of each query word, or a frequent word's `cut` where its postings are not
   in (each frequent word's tail ranks below its cut: a lower score, or the same from a
   later document); a document in no head by the cuts alone. Ranks compare as [rank,
   position]. */
function settled(terms, words) {
  const found = scored(terms, words);
  const split = words.filter(word => word.cut);
  for (const word of split) {
    word.pages = new Set();
    for (let j = 0; j < word.postings.length; j += 2) word.pages.add(parents[word.postings[j]]);
  }
  /* A document in no head: each query word's best cut (with the first position it holds). */
  let reach = -Infinity;
  let from = 0;
  let matched = 0;
  terms.forEach((_, t) => {
    const cuts = split.filter(word => word.t === t);
    if (!cuts.length) return;
    const top = Math.max(...cuts.map(word => word.weight * word.cut[0]));
    matched += 1;
    reach = (reach === -Infinity ? 0 : reach) + top;
    const at = cuts.filter(word => word.weight * word.cut[0] === top).map(word => word.cut[1]);
    from = Math.max(from, Math.min(...at));
  });
  let bound = matched ? [matched * RANK + reach, from] : [-Infinity, 0];
  const above = (rank, doc, [atRank, atDoc]) => rank > atRank || (rank === atRank && doc < atDoc);
  const hits = [];
  for (const [doc, entry] of found) {
    const page = parents[doc];
    const weight = page === doc ? PAGE_WEIGHT : 1;
    const hit = { doc, rank: rankOf(doc, entry), matched: entry.matched };
    if (split.every(word => word.pages.has(page))) {
      hits.push(hit);
      continue;
    }
    /* Not settled: what its tails could make of it. */
    let count = 0;
    let most = 0;
    terms.forEach((_, t) => {
      let top = entry.matched.has(t) ? entry.best[t] * weight : -Infinity;
      for (const word of split)
        if (word.t === t && !word.pages.has(page)) top = Math.max(top, word.weight * word.cut[0]);
      if (top === -Infinity) return;
      count += 1;
      most += top;
    });
    const reachable = count * RANK + most;
    if (!above(bound[0], bound[1], [reachable, doc])) bound = [reachable, doc];
  }
  hits.sort(byRank);
  const tops = new Map(); /* page → its first hit, before grouping moves an article first */
  for (const hit of hits)
    if (!tops.has(parents[hit.doc])) tops.set(parents[hit.doc], [hit.rank, hit.doc]);
  const first = [];
  for (const group of grouped(hits)) {
    const [rank, doc] = tops.get(group[0]);
    if (!above(rank, doc, bound)) break;
    first.push(group);
  }
  return first;
}

/* The rest of a frequent word's postings, loaded once (again after a failure). */
function tail(key, number) {
  const name = `${key}.${number}`;
  return loadOnce(tails, name, `search/shards/${name}.json`, "postings");
}

/* Material's items for the groups of results whose documents' cards are loaded, up to the
   first group with one not loaded yet: no result stands for a card the reader cannot see. */
function results(groups, terms) {
  const items = [];
  for (const [, hits] of groups) {
    if (hits.some(({ doc }) => docs[doc] === undefined)) break;
    const full = items.length < FULL;
    const mark = full ? fragment => highlight(fragment, terms) : fragment => fragment;
    items.push(hits.map(({ doc, rank, matched }) => {
      const shown = docs[doc];
      const { location, title, text, tags } = shown;
      const result = {
        location,
        title: mark(title),
        text: card(shown, mark) + (full ? mark(text) : ""),
        score: rank,
        terms: Object.fromEntries(terms.map((term, t) => [term.word, matched.has(t)]))
      };
      if (tags) result.tags = tags.map(mark);
      return result;
    }));
  }
  return { items };
}

async function handle(message, id) {
  switch (message.type) {
    case SETUP:
      return setup(message.data);
    case QUERY:
      try {
        const data = await search(message.data, id);
        return data && { type: RESULT, data };
      } catch (err) {
        console.warn(`Search failed for "${message.data}":`, err);
        return { type: RESULT, data: { items: [] } };
      }
    default:
      throw new TypeError(`Unknown search message type: ${message.type}`);
  }
}

/* One message at a time, so results come back in the order the queries were typed. */
let queue = Promise.resolve();
addEventListener("message", event => {
  let id = asked;
  if (event.data && event.data.type === QUERY) {
    id = ++asked;
    nudge(); /* a query still waiting for files gives way */
    newer = new Promise(resolve => { nudge = resolve; });
  }
  queue = queue
    .then(() => handle(event.data, id))
    .then(reply => reply && postMessage(reply))
    .catch(err => console.error(err));
});
