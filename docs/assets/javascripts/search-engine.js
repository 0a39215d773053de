// The search itself, over the index that search/index.py writes to sok/.
//
// search.js imports this module the first time a reader focuses a search box; nothing of it, and
// nothing of the index, is fetched before. A query fetches sok/index.json, one dictionary file per
// word, the postings of the word's most frequent terms and the page files of the results shown.
//
// Words become terms as in search/terms.py: lower case, diacritics dropped, then the
// Swedish Snowball stemmer (generated from Snowball's own source: snowball/; a test runs it against
// the Python one over every word of the site). Each word of a query matches every term that begins with its stem
// ("kraft" finds "kraftkällan"), the stem itself counting double.
//
// Ranking, for questions as a reader types them: Swedish stop words ("hur", "med", "vi") are left
// out; a page named by a run of the query's words (a name, a name in its title's parentheses or an
// alias of its record) comes first ("Kraft resultat": Kraft); then pages by how many of the
// query's words they match (not all are needed), then by how many of them they have with the
// diacritics the reader typed ("når" before "när"), then by BM25 score, where generated overviews (lists,
// compare pairs, target groups) count less than the records they repeat. A run of words that is
// no word of the index but within a small edit distance of a name gives that name's pages and a
// suggestion ("Menade du Kristinehamn?").

import SwedishStemmer from "./snowball/swedish-stemmer.js";

var MAX_EXPANSIONS = 8; // terms per word beyond its own stem: each may be a postings file to fetch
var EXPANSION_WEIGHT = 0.5;
var EXCERPT_WORDS = 12;
var EXACT_WEIGHT = 0.5; // extra, for a word written with the diacritics the reader typed
var GENERATED_WEIGHT = 0.4; // an overview's score, against a record's
var LONGEST_NAME = 6; // words in a run of the query looked up as a name

// Snowball's Swedish stop words, and words that make a question of a query ("finns", "få", "hur når
// vi …": the reader asks how to reach what follows, and "når" would rank every long page that
// happens to say "när" or "når" above the pages about it).
export var STOP_WORDS = new Set(("och det att i en jag hon som han på den med var sig för så till är men ett om " +
  "hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något " +
  "från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket " +
  "sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina " +
  "samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana " +
  "vart dina vars vårt våra ert era vilkas finns få får ska kommer görs gör når nå").split(" "));

// --- Words and terms (as search/terms.py) ---------------------------------------------

export function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

// The words of a text, lower case, with their diacritics.
export function exactWords(text) {
  return text.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) || [];
}

export function words(text) {
  return exactWords(text).map(fold);
}

// As name_key in search/records.py: the terms of a name's words.
export function nameKey(text) {
  return words(text).map(stem).join(" ");
}

// Optimal string alignment distance (edits, a swap of two neighbours counting one), or limit + 1
// as soon as it must exceed ``limit``.
export function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var rows = [[]];
  for (var j = 0; j <= b.length; j++) rows[0][j] = j;
  for (var i = 1; i <= a.length; i++) {
    rows[i] = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

// Whether ``longer`` is ``shorter`` with a letter or two more: an inflection or a word being typed.
function sameWord(shorter, longer) {
  return shorter.length >= 5 && longer.length - shorter.length <= 2 && longer.startsWith(shorter);
}

// Edits allowed between a typed name and a real one: none in a short word, where one edit
// makes another word, one from 5 letters, two from 9.
function allowedEdits(key) {
  var letters = key.replace(/ /g, "").length;
  return letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
}

// As shard_id in search/index.py.
export function shardId(term) {
  var prefix = Array.from(term).slice(0, 2);
  if (prefix.every(function (c) { return /^[a-z0-9]$/.test(c); })) return prefix.join("");
  return "_" + prefix.map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

// The Swedish stemmer generated by Snowball 3.1.1 (snowball/README.md): the release of the Python
// package the index is stemmed with.
var STEMMER = new SwedishStemmer();

export function stem(word) {
  return STEMMER.stemWord(word);
}

// --- The index ---------------------------------------------------------------------------------

function undelta(flat, stride, from) {
  var out = [];
  var page = 0;
  for (var i = from || 0; i < flat.length; i += stride) {
    page += flat[i];
    out.push(stride === 2 ? [page, flat[i + 1]] : page);
  }
  return out;
}

// A dictionary file as a Map: a plain object would answer "constructor" from Object.prototype.
function asMap(data) {
  return new Map(Object.entries(data));
}

export function createEngine(siteRoot) {
  var files = new Map();
  var meta = null;

  function load(path, options) {
    if (!files.has(path)) {
      var url = new URL("sok/" + path, siteRoot);
      if (meta && !(meta instanceof Promise)) url.searchParams.set("v", meta.version);
      var loading = fetch(url, options).then(function (response) {
        if (!response.ok) throw new Error("Sökindexet svarade " + response.status + " för " + url);
        return response.json();
      });
      files.set(path, loading);
      loading.catch(function () { files.delete(path); });
    }
    return files.get(path);
  }

  function index() {
    // Revalidated once per page view, so a new build's files are never mixed with an old one's.
    if (!meta) {
      meta = load("index.json", { cache: "no-cache" }).then(function (data) {
        meta = data;
        return data;
      }, function (error) { meta = null; throw error; });
    }
    return Promise.resolve(meta);
  }

  function shard(info, term) {
    var id = shardId(term);
    if (info.shards.indexOf(id) === -1) return Promise.resolve(new Map());
    var path = "ord/" + id + ".json";
    if (!shard.maps) shard.maps = new Map();
    if (!shard.maps.has(path)) shard.maps.set(path, load(path).then(asMap));
    return shard.maps.get(path);
  }

  // The terms a word matches: its stem, then the most frequent terms that begin with it.
  function candidates(dictionary, term) {
    var own = dictionary.has(term) ? [{ term: term, entry: dictionary.get(term), weight: 1 }] : [];
    if (term.length < 2) return own;
    var longer = [];
    dictionary.forEach(function (entry, t) {
      if (t !== term && t[0] !== "=" && t.startsWith(term)) longer.push(t);
    });
    longer.sort(function (a, b) { return dictionary.get(b)[0] - dictionary.get(a)[0] || (a < b ? -1 : 1); });
    return own.concat(longer.slice(0, MAX_EXPANSIONS).map(function (t) {
      // A letter or two more is an inflection ("samhällsekonomi", "samhällsekonomisk"), not another word.
      return { term: t, entry: dictionary.get(t), weight: sameWord(term, t) ? 1 : EXPANSION_WEIGHT };
    }));
  }

  function postings(entry) {
    var list = entry[1];
    return typeof list === "number" ? load("post/" + list + ".json") : Promise.resolve(list);
  }

  // Page → score for the terms found.
  function scoresOf(info, found) {
    return Promise.all(found.map(function (c) { return postings(c.entry); })).then(function (lists) {
      var scores = new Map();
      lists.forEach(function (flat, i) {
        var df = found[i].entry[0];
        var idf = Math.log(1 + (info.pages - df + 0.5) / (df + 0.5));
        undelta(flat, 2).forEach(function (posting) {
          var score = found[i].weight * idf * posting[1] / 10;
          if (score > (scores.get(posting[0]) || 0)) scores.set(posting[0], score);
        });
      });
      return scores;
    });
  }

  function page(info, id, terms) {
    var file = Math.floor(id / info.pages_per_file);
    return load("sidor/" + file + ".json").then(function (rows) {
      var row = rows[id % info.pages_per_file];
      // Joined, not resolved: a URL object would percent-encode an anchor such as #särvux.
      return { url: siteRoot.pathname + row[0],
               title: row[1], kind: row[2], place: row[3], excerpt: excerpt(row[4], terms) };
    });
  }

  // The words around the first hit, as [text, isHit] pieces.
  function excerpt(text, terms) {
    var pieces = text.split(/\s+/).filter(Boolean);
    var hits = pieces.map(function (piece) {
      return words(piece).some(function (w) {
        var s = stem(w);
        return terms.some(function (t) { return s.startsWith(t); });
      });
    });
    var first = hits.indexOf(true);
    var start = first > 2 ? first - 2 : 0;
    var parts = [];
    if (start > 0) parts.push(["… ", false]);
    pieces.slice(start, start + EXCERPT_WORDS).forEach(function (piece, i) {
      if (i > 0) parts.push([" ", false]);
      parts.push([piece, hits[start + i]]);
    });
    if (start + EXCERPT_WORDS < pieces.length) parts.push([" …", false]);
    return parts;
  }

  // The query's words: as typed, their terms, the exact term where diacritics were typed, stop or not.
  function parse(query) {
    var typed = exactWords(query).map(function (raw) {
      var folded = fold(raw);
      return { raw: raw, term: stem(folded), exact: raw === folded ? null : stem(raw), stop: STOP_WORDS.has(raw) };
    });
    var content = typed.filter(function (w) { return !w.stop; });
    return { typed: typed, content: content.length ? content : typed };
  }

  // Pages named by words of the query, in any order (named: page → number of the name's words),
  // or by a run of them within a few edits (near).
  function names(info, typed, known) {
    var runs = [];
    typed.forEach(function (w, i) {
      if (w.stop) return;
      for (var j = i + 1; j <= Math.min(typed.length, i + LONGEST_NAME); j++) {
        runs.push({ from: i, to: j, key: typed.slice(i, j).map(function (t) { return t.term; }).join(" ") });
      }
    });
    var typedTerms = typed.map(function (t) { return t.term; });
    // A name's word is in the query as it is, or inflected ("rehabiliteringstrappan"); a typed
    // word that is no word of the index ("partile") is a misspelling, suggested below.
    var covered = function (nameTerm) {
      return typedTerms.some(function (t) {
        return t === nameTerm || (known.has(t) && (sameWord(t, nameTerm) || sameWord(nameTerm, t)));
      });
    };
    return Promise.all(runs.map(function (run) { return shard(info, run.key); })).then(function (dicts) {
      var named = new Map();
      var near = new Map(); // page → { covers, edits, name, run }
      new Set(dicts).forEach(function (dictionary) {
        dictionary.forEach(function (value, key) {
          if (key[0] !== "=") return;
          var nameTerms = key.slice(1).split(" ");
          if (!nameTerms.every(covered)) return;
          undelta(value, 1, 1).forEach(function (id) {
            named.set(id, Math.max(named.get(id) || 0, nameTerms.length));
          });
        });
      });
      runs.forEach(function (run, r) {
        if (dicts[r].has("=" + run.key)) return;
        // A misspelt name: only where a word of the run is no word of the index.
        var unknown = typed.slice(run.from, run.to).some(function (t) { return !known.has(t.term); });
        var limit = allowedEdits(run.key);
        if (!unknown || !limit) return;
        var size = run.to - run.from;
        dicts[r].forEach(function (value, key) {
          if (key[0] !== "=" || key.split(" ").length !== size) return;
          var edits = editDistance(run.key, key.slice(1), limit);
          if (edits > limit) return;
          undelta(value, 1, 1).forEach(function (id) {
            var seen = near.get(id);
            if (!seen || size > seen.covers || (size === seen.covers && edits < seen.edits)) {
              near.set(id, { covers: size, edits: edits, name: value[0], run: run });
            }
          });
        });
      });
      return { named: named, near: near };
    });
  }

  // "Menade du …?": the query with the misspelt run replaced by the nearest name.
  function suggestion(typed, near) {
    var best = null;
    near.forEach(function (n) {
      if (!best || n.covers > best.covers || (n.covers === best.covers && n.edits < best.edits)) best = n;
    });
    if (!best) return null;
    return typed.slice(0, best.run.from).map(function (t) { return t.raw; }).concat([best.name],
      typed.slice(best.run.to).map(function (t) { return t.raw; })).join(" ");
  }

  // All pages that match, best first, each as { id, group, data() }; the list also has
  // ``suggestion`` (a corrected query, or null) and ``groups`` (the index's kind groups).
  function search(query) {
    var parsed = parse(query);
    var content = parsed.content;
    if (!content.length) return Promise.resolve(Object.assign([], { suggestion: null, groups: [] }));
    var terms = content.map(function (w) { return w.term; });
    return index().then(function (info) {
      var wordDicts = Promise.all(content.map(function (w) { return shard(info, w.term); }));
      var exactDicts = Promise.all(content.map(function (w) {
        return w.exact && info.shards.indexOf(shardId(w.exact)) !== -1 ? shard(info, w.exact) : Promise.resolve(new Map());
      }));
      return Promise.all([wordDicts, exactDicts]).then(function (dicts) {
        var known = new Set(terms.filter(function (t, i) { return dicts[0][i].has(t); }));
        parsed.typed.forEach(function (t) { if (t.stop) known.add(t.term); });
        var perWord = content.map(function (w, i) { return scoresOf(info, candidates(dicts[0][i], w.term)); });
        var perExact = content.map(function (w, i) {
          var entry = w.exact && dicts[1][i].get(w.exact);
          return entry ? scoresOf(info, [{ entry: entry, weight: EXACT_WEIGHT }]) : Promise.resolve(new Map());
        });
        return Promise.all([Promise.all(perWord), Promise.all(perExact), names(info, parsed.typed, known)]);
      }).then(function (found) {
        var perWord = found[0], perExact = found[1], named = found[2].named, near = found[2].near;
        var matched = new Map(), exact = new Map(), score = new Map();
        perWord.forEach(function (scores, i) {
          scores.forEach(function (s, id) {
            // Typed with diacritics that tell words apart ("når"), a word matches only that form.
            if (perExact[i].size && !perExact[i].has(id)) return;
            matched.set(id, (matched.get(id) || 0) + 1);
            if (perExact[i].has(id)) exact.set(id, (exact.get(id) || 0) + 1);
            score.set(id, (score.get(id) || 0) + s + (perExact[i].get(id) || 0));
          });
        });
        var generated = info.groups.indexOf("översikt");
        var groupOf = function (id) { return info.groups[+info.page_groups[id]]; };
        var weighted = function (id) {
          return (score.get(id) || 0) * (+info.page_groups[id] === generated ? GENERATED_WEIGHT : 1);
        };
        var wordCount = content.length;
        // Words matched; an overview that matches as many as a record comes after it.
        var covered = function (id) {
          return (matched.get(id) || 0) - (+info.page_groups[id] === generated ? 0.5 : 0);
        };
        var tier = function (id) {
          if (named.has(id)) {
            var group = groupOf(id);
            // A record named in the query comes first, before a glossary entry of that name; an
            // overview only where its name is the whole query ("Försörjningsstöd", not "kommunen …").
            if (group === "översikt") return named.get(id) >= wordCount ? 2 : 0;
            return 2 + named.get(id) + (group === "ord" ? 0 : 0.5);
          }
          return near.has(id) && !named.size ? 1 + near.get(id).covers / 100 : 0;
        };
        var ids = new Set([].concat(Array.from(matched.keys()), Array.from(named.keys()),
          named.size ? [] : Array.from(near.keys())));
        var order = Array.from(ids).sort(function (a, b) {
          return tier(b) - tier(a) || covered(b) - covered(a) ||
            (exact.get(b) || 0) - (exact.get(a) || 0) || weighted(b) - weighted(a) || a - b;
        });
        var results = order.map(function (id) {
          return { id: id, group: groupOf(id), data: function () { return page(info, id, terms); } };
        });
        results.suggestion = named.size ? null : suggestion(parsed.typed, near);
        results.groups = info.groups;
        return results;
      });
    });
  }

  // The index's first file, fetched when a reader focuses a search box, so the first query
  // waits for one request less.
  function prepare() {
    return index();
  }

  return { search: search, prepare: prepare };
}
