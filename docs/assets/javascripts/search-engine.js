// The search itself, over the index that search/index.py writes to sok/.
//
// search.js imports this module the first time a reader focuses a search box; nothing of it, and
// nothing of the index, is fetched before. A query fetches sok/index.json, one dictionary file per
// word, the postings of the word's most frequent terms and the page files of the results shown.
//
// Words become terms as in search/terms.py: lower case, diacritics dropped, then the
// Swedish Snowball stemmer (written out below; a test runs it against the Python one over every
// word of the site). Each word of a query matches every term that begins with its stem
// ("kraft" finds "kraftkällan"), the stem itself counting double; a page must match every word.
// Pages named exactly as the query come first.

var MAX_EXPANSIONS = 8; // terms per word beyond its own stem: each may be a postings file to fetch
var EXPANSION_WEIGHT = 0.5;
var EXCERPT_WORDS = 12;

// --- Words and terms (as search/terms.py) ---------------------------------------------

export function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

export function words(text) {
  return (text.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) || []).map(fold);
}

// As ascii_slug(name, separator="") in data/slugs.py.
export function nameKey(text) {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");
}

// As shard_id in search/index.py.
export function shardId(term) {
  var prefix = Array.from(term).slice(0, 2);
  if (prefix.every(function (c) { return /^[a-z0-9]$/.test(c); })) return prefix.join("");
  return "_" + prefix.map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
}

// The Swedish stemmer of Snowball (snowballstem.org, algorithms/swedish), step by step.
var VOWELS = "aeiouyäåö";
var S_ENDING = "bcdfghjklmnoprtvy";
var OST_ENDING = "iklnprtuv";
var MAIN_SUFFIXES = [ // [suffix, action]: 1 delete, 2 the "s" rule, 3 the "et" rule
  ["heterna", 1], ["hetens", 1], ["anden", 1], ["andes", 1], ["andet", 1], ["arens", 1], ["arnas", 1],
  ["ernas", 1], ["heten", 1], ["heter", 1], ["ornas", 1], ["ades", 1], ["ande", 1], ["aren", 1],
  ["arna", 1], ["arne", 1], ["aste", 1], ["erna", 1], ["erns", 1], ["orna", 1], ["ade", 1], ["are", 1],
  ["ast", 1], ["ens", 1], ["ern", 1], ["het", 1], ["ad", 1], ["ar", 1], ["as", 1], ["at", 1], ["en", 1],
  ["er", 1], ["es", 1], ["et", 3], ["or", 1], ["a", 1], ["e", 1], ["s", 2]
];
var ET_EXCEPTIONS = ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit", "mit",
  "nit", "pit", "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"];
var CONSONANT_PAIRS = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];
var OTHER_SUFFIXES = [["fullt", 3], ["lig", 1], ["els", 1], ["öst", 2], ["ig", 1]];

function isVowel(c) { return c !== undefined && VOWELS.indexOf(c) !== -1; }

// R1: after the first non-vowel that follows a vowel, and at least three letters in.
function regionOne(w) {
  if (w.length < 3) return w.length;
  for (var i = 0; i < w.length; i++) {
    if (!isVowel(w[i])) continue;
    for (var j = i + 1; j < w.length; j++) {
      if (!isVowel(w[j])) return Math.max(j + 1, 3);
    }
    return w.length;
  }
  return w.length;
}

// The longest of ``suffixes`` that ends ``w`` and begins in R1.
function longestSuffix(w, p1, suffixes) {
  var best = null;
  suffixes.forEach(function (entry) {
    var start = w.length - entry[0].length;
    if (start >= p1 && w.endsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  });
  return best;
}

// "et" at ``at`` may go after a non-vowel after a vowel, not first in the word, nor after fab, h, pak …
function etRemovable(w, at) {
  if (at - 2 <= 0 || isVowel(w[at - 1]) || !isVowel(w[at - 2])) return false;
  var before = w.slice(0, at);
  return !ET_EXCEPTIONS.some(function (e) { return before.endsWith(e); });
}

export function stem(word) {
  var w = word;
  var p1 = regionOne(w);
  var main = longestSuffix(w, p1, MAIN_SUFFIXES);
  if (main) {
    var at = w.length - main[0].length;
    if (main[1] === 1) {
      w = w.slice(0, at);
    } else if (main[1] === 2) {
      if (w.slice(0, at).endsWith("et") && etRemovable(w, at - 2)) w = w.slice(0, at - 2);
      else if (at > 0 && S_ENDING.indexOf(w[at - 1]) !== -1) w = w.slice(0, at);
    } else if (etRemovable(w, at)) {
      w = w.slice(0, at);
    }
  }
  if (w.length - 2 >= p1 && CONSONANT_PAIRS.some(function (pair) { return w.endsWith(pair); })) {
    w = w.slice(0, -1);
  }
  var other = longestSuffix(w, p1, OTHER_SUFFIXES);
  if (other) {
    var start = w.length - other[0].length;
    if (other[1] === 1) w = w.slice(0, start);
    else if (other[1] === 3 || (start > 0 && OST_ENDING.indexOf(w[start - 1]) !== -1)) w = w.slice(0, -1);
  }
  return w;
}

// --- The index ---------------------------------------------------------------------------------

function undelta(flat, stride) {
  var out = [];
  var page = 0;
  for (var i = 0; i < flat.length; i += stride) {
    page += flat[i];
    out.push(stride === 2 ? [page, flat[i + 1]] : page);
  }
  return out;
}

export function createEngine(siteRoot) {
  var files = {};
  var meta = null;

  function load(path, options) {
    if (!files[path]) {
      var url = new URL("sok/" + path, siteRoot);
      if (meta) url.searchParams.set("v", meta.version);
      files[path] = fetch(url, options).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
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
    return info.shards.indexOf(id) === -1 ? Promise.resolve({}) : load("ord/" + id + ".json");
  }

  // The terms a word matches: its stem, then the most frequent terms that begin with it.
  function candidates(dictionary, term) {
    var own = dictionary[term] ? [{ term: term, entry: dictionary[term], weight: 1 }] : [];
    if (term.length < 2) return own;
    var longer = Object.keys(dictionary).filter(function (t) {
      return t !== term && t[0] !== "=" && t.startsWith(term);
    }).sort(function (a, b) { return dictionary[b][0] - dictionary[a][0] || (a < b ? -1 : 1); });
    return own.concat(longer.slice(0, MAX_EXPANSIONS).map(function (t) {
      return { term: t, entry: dictionary[t], weight: EXPANSION_WEIGHT };
    }));
  }

  function postings(entry) {
    var list = entry[1];
    return typeof list === "number" ? load("post/" + list + ".json") : Promise.resolve(list);
  }

  // Page → score for one word of the query.
  function wordScores(info, dictionary, term) {
    var found = candidates(dictionary, term);
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

  function search(query) {
    var terms = words(query).map(stem);
    var key = nameKey(query);
    if (!terms.length) return Promise.resolve([]);
    return index().then(function (info) {
      var dictionaries = terms.map(function (t) { return shard(info, t); });
      var named = key ? shard(info, key).then(function (d) { return d["=" + key] ? undelta(d["=" + key], 1) : []; })
        : Promise.resolve([]);
      return Promise.all(dictionaries).then(function (dicts) {
        return Promise.all(dicts.map(function (d, i) { return wordScores(info, d, terms[i]); }));
      }).then(function (perWord) {
        return named.then(function (namedPages) {
          // Every word must match; the pages named as typed come first even if one does not.
          var total = new Map();
          perWord[0].forEach(function (score, id) {
            var sum = score;
            for (var i = 1; i < perWord.length; i++) {
              if (!perWord[i].has(id)) return;
              sum += perWord[i].get(id);
            }
            total.set(id, sum);
          });
          var isNamed = new Set(namedPages);
          var order = function (a, b) { return (total.get(b) || 0) - (total.get(a) || 0) || a - b; };
          var rest = Array.from(total.keys()).filter(function (id) { return !isNamed.has(id); });
          return namedPages.slice().sort(order).concat(rest.sort(order)).map(function (id) {
            return { id: id, data: function () { return page(info, id, terms); } };
          });
        });
      });
    });
  }

  return { search: search };
}
