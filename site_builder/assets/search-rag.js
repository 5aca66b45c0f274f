/* Golden Thread: a RAG rating typed into search finds the outcomes with that rating, and only them.
 *
 * Why: Material for MkDocs' search worker searches every word typed as the start of a word ("red"
 * becomes "red*"), so "RED" also listed every page about "reduce" or "reduction", and Material 9
 * has no setting to change that for one word. A RAG rating is a field of an outcome: each trace
 * page carries it as a search tag (site_builder/views/search.py). So a word typed that is exactly
 * a RAG rating (RED, AMBER, GREEN or AMBER/GREEN, in any case) is sent to the worker as
 * "+tags:red": required, searched in the tags only, and, because of the "+", not extended to
 * "red*". Every other word is sent as typed ("redu", "reds" or "RED-" stay prefix searches).
 *
 * How: the page sends each query to the worker as postMessage({type: 2, data: "the words"})
 * (Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3). The worker is a Worker,
 * or, on a site opened from disk, the iframe-worker shim that replaces window.Worker before
 * Material starts (extra.polyfills). Material looks postMessage up on the worker each time it
 * sends, so wrapping the prototype's method here works although the worker exists already.
 * Only the query text changes: nothing is fetched and nothing is written into the page.
 */
(function () {
  "use strict";

  var QUERY = 2;
  var RAG_WORD = /^(red|amber|green|amber\/green)$/i;

  function rewrite(query) {
    return query.split(/(\s+)/).map(function (word) {
      return RAG_WORD.test(word) ? "+tags:" + word.toLowerCase() : word;
    }).join("");
  }

  var proto = window.Worker && window.Worker.prototype;
  if (!proto || typeof proto.postMessage !== "function" || proto.postMessage.gtRagWords) {
    return;
  }
  var send = proto.postMessage;
  proto.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = { type: message.type, data: rewrite(message.data) };
    }
    return send.apply(this, args);
  };
  proto.postMessage.gtRagWords = true;
})();
