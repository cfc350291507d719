/* Search in the reader's language, whatever their keyboard sends.
 *
 * Material keeps one search index for all languages (static-i18n #271), and
 * it neither normalises queries nor folds diacritics. This script wraps the
 * search worker before Material's bundle creates it:
 *  - the index it receives keeps only the pages of the current language
 *    (English pages live under "en/", Vietnamese ones at the root);
 *  - each query is normalised to NFC, so decomposed (NFD) input from some
 *    keyboards matches. Words without diacritics match the index's `folded`
 *    field, written at build time (creditsite/search.py).
 * Without JavaScript there is no search box at all, and every page still works.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (typeof Base !== "function" || !String.prototype.normalize) return;
  var SETUP = 0, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  var lastQuery = "";

  function siteRoot() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href).href;
  }

  /* The prefix of the current language's pages ("" or "en/"), and the
   * prefixes of the other languages, read from the language switcher. */
  function scope() {
    var root = siteRoot();
    var here = location.href.slice(root.length);
    var lang = (document.documentElement.lang || "").toLowerCase();
    var others = [];
    document.querySelectorAll(".md-select a[hreflang]").forEach(function (a) {
      var code = a.getAttribute("hreflang").toLowerCase();
      if (code !== lang) others.push(code + "/");
    });
    var own = lang && here.indexOf(lang + "/") === 0 ? lang + "/" : "";
    return { own: own, others: others };
  }

  function inScope(location, s) {
    if (s.own) return location.indexOf(s.own) === 0;
    return !s.others.some(function (p) { return location.indexOf(p) === 0; });
  }

  /* Material appends "*" to every word, so "ho" also finds "hoạch" and "học".
   * Vietnamese words are short syllables: rank the word itself far above
   * longer words that merely start with it ("ho^10 ho*"). Queries that use
   * lunr syntax (quotes, +, -, ~, ^, *, field:) are left as typed. */
  function rankWholeWords(query) {
    if (/["+\-~^*:]/.test(query)) return query;
    return query.split(/\s+/).filter(Boolean).map(function (word) {
      return word + "^10 " + word;
    }).join(" ");
  }

  function rewrite(message) {
    if (!message || typeof message !== "object") return message;
    if (message.type === QUERY && typeof message.data === "string") {
      lastQuery = message.data.normalize("NFC");
      return { type: QUERY, data: rankWholeWords(lastQuery) };
    }
    if (message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
      var s = scope();
      var docs = message.data.docs.filter(function (doc) { return inScope(doc.location, s); });
      return { type: SETUP, data: Object.assign({}, message.data, { docs: docs }) };
    }
    return message;
  }

  /* Lower case, no diacritics, no punctuation: as creditsite/search.py folds. */
  function words(text) {
    return text.replace(/<[^>]*>/g, " ").normalize("NFD").replace(/\p{Mn}/gu, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function pairs(list) {
    var out = [];
    for (var i = 1; i < list.length; i++) out.push(list[i - 1] + " " + list[i]);
    return out;
  }

  /* A page whose title holds the query's words side by side ("hộ nghèo")
   * beats one that has them apart ("hộ cận nghèo"): lunr ignores word order.
   * Scores are raised too, so Enter still opens the first result. */
  function rankPhrases(result) {
    var wanted = pairs(words(lastQuery));
    if (!wanted.length || !result || !Array.isArray(result.items)) return result;
    var top = 0;
    result.items.forEach(function (group) {
      group.forEach(function (item) { top = Math.max(top, item.score); });
    });
    var items = result.items.map(function (group, index) {
      var title = " " + words(group[0].title || "").join(" ") + " ";
      var bonus = wanted.filter(function (pair) { return title.indexOf(" " + pair + " ") >= 0; }).length;
      var raised = group.map(function (item) { return Object.assign({}, item, { score: item.score + bonus * top }); });
      return { group: raised, bonus: bonus, index: index };
    });
    items.sort(function (a, b) { return b.bonus - a.bonus || a.index - b.index; });
    return Object.assign({}, result, { items: items.map(function (x) { return x.group; }) });
  }

  function received(event) {
    var data = event.data;
    if (!data || data.type !== RESULT) return event;
    return { type: event.type, target: event.target, data: { type: RESULT, data: rankPhrases(data.data) } };
  }

  function ScopedWorker(url, options) {
    var worker = new Base(url, options);
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message) {
      var rest = Array.prototype.slice.call(arguments, 1);
      return post.apply(null, [rewrite(message)].concat(rest));
    };
    var listen = worker.addEventListener.bind(worker);
    worker.addEventListener = function (type, handler) {
      var rest = Array.prototype.slice.call(arguments, 2);
      var wrapped = type !== "message" ? handler : function (event) {
        return typeof handler === "function" ? handler.call(this, received(event)) : handler.handleEvent(received(event));
      };
      return listen.apply(null, [type, wrapped].concat(rest));
    };
    return worker;
  }
  ScopedWorker.prototype = Base.prototype;
  window.Worker = ScopedWorker;
})();
