/* Live readability while a notice is written: the same rules as notifications/rules/lix.py
   (LIX = words / sentences + 100 × long words / words; a long word has more than six
   letters). Progressive enhancement: without JavaScript the figures the server computed
   at the last save are shown. Used by node in tests/notifications/rules/test_lix.py too. */
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
  var WORD_TEST = /[\p{L}\p{N}]/u;
  var SENTENCE_END = /[.!?]+(?=\s|$)|\n/u;
  var LONG = 6;

  function words(text) {
    return text.match(WORD) || [];
  }

  function isLong(word) {
    return (word.match(/\p{L}/gu) || []).length > LONG;
  }

  function sentences(text) {
    return text.split(SENTENCE_END).filter(function (chunk) {
      return WORD_TEST.test(chunk);
    }).map(function (chunk) { return chunk.trim(); });
  }

  function escapeRegExp(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function flagged(text, terms) {
    var found = [];
    (terms || []).forEach(function (item) {
      var escaped = escapeRegExp(item.term).replace(/ /g, "\\s+");
      var tail = item.term.endsWith(".") ? "" : "[\\p{L}\\p{N}]*";
      var pattern = new RegExp("(?<![\\p{L}\\p{N}])" + escaped + tail, "iu");
      var match = text.match(pattern);
      if (match && !found.some(function (f) { return f.found.toLowerCase() === match[0].toLowerCase(); })) {
        found.push({ found: match[0], term: item.term, plain: item.plain });
      }
    });
    return found;
  }

  function readability(text, terms) {
    var all = words(text);
    var list = sentences(text);
    var longWords = all.filter(isLong).length;
    var lengths = list.map(function (s) { return words(s).length; });
    var lix = all.length ? all.length / Math.max(list.length, 1) + (100 * longWords) / all.length : 0;
    return {
      lix: lix,
      words: all.length,
      sentences: list.length,
      long_words: longWords,
      average_sentence: list.length ? all.length / list.length : 0,
      longest_sentence: lengths.length ? Math.max.apply(null, lengths) : 0,
      flagged: flagged(text, terms)
    };
  }

  function band(value) {
    if (value < 30) { return "very_easy"; }
    if (value < 40) { return "easy"; }
    if (value < 50) { return "medium"; }
    if (value < 60) { return "difficult"; }
    return "very_difficult";
  }

  var api = { words: words, sentences: sentences, readability: readability, band: band, flagged: flagged };

  function update(group, terms) {
    var fields = group.querySelectorAll("[data-lix-part]");
    var text = Array.prototype.map.call(fields, function (f) { return f.value; }).join("\n\n");
    var result = readability(text, terms);
    var set = function (name, value) {
      var el = group.querySelector('[data-lix-out="' + name + '"]');
      if (el) { el.textContent = value; }
    };
    set("lix", result.lix.toFixed(1));
    set("band", group.getAttribute("data-band-" + band(result.lix)) || band(result.lix));
    set("average_sentence", result.average_sentence.toFixed(1));
    set("longest_sentence", String(result.longest_sentence));
    var list = group.querySelector('[data-lix-out="flagged"]');
    if (list) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      result.flagged.forEach(function (f) {
        var li = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = f.found;
        li.appendChild(strong);
        li.appendChild(document.createTextNode(" → " + f.plain));
        list.appendChild(li);
      });
      var none = group.querySelector('[data-lix-out="none"]');
      if (none) { none.hidden = result.flagged.length > 0; }
    }
  }

  function init() {
    document.querySelectorAll("[data-lix-group]").forEach(function (group) {
      var terms = JSON.parse(group.getAttribute("data-lix-terms") || "[]");
      group.addEventListener("input", function () { update(group, terms); });
      update(group, terms);
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.AvvikLix = api;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }
})(this);
