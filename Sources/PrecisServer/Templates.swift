import Mustache

/// The site's page templates, compiled in so the server needs no files beside it. Mustache escapes
/// every `{{value}}`; nothing from an article is ever inserted unescaped.
enum Templates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(head, named: "head")
        try library.register(foot, named: "foot")
        try library.register(index, named: "index")
        try library.register(article, named: "article")
        try library.register(summary, named: "summary")
        try library.register(error, named: "error")
        return library
    }

    static let head = """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{pageTitle}} · Precis</title>
        <style>
        body { font: 18px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fffdf8;
          max-width: 42rem; margin: 0 auto; padding: 1rem 1.1rem 3rem; }
        a { color: #0b57a4; }
        header.site { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; padding-bottom: .5rem; }
        header.site a { font-weight: bold; text-decoration: none; color: inherit; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: .3rem 0 .5rem; }
        .meta { color: #666; font-size: .9rem; }
        .list article { border-bottom: 1px solid #eee; padding: .8rem 0; }
        .list h2 { font-size: 1.25rem; margin: 0 0 .2rem; }
        .summary-button { display: inline-block; margin: 1rem 0; padding: .55rem .9rem; border-radius: .4rem;
          background: #0b57a4; color: #fff; text-decoration: none; font: 600 1rem system-ui, sans-serif; border: 0;
          cursor: pointer; }
        #summary { background: #f1f5fb; border-left: 4px solid #0b57a4; padding: .6rem 1rem; margin: 0 0 1.2rem; }
        #summary[hidden] { display: none; }
        #summary ol { padding-left: 1.2rem; }
        .lengths { font: .9rem system-ui, sans-serif; }
        .lengths label { margin-right: .8rem; }
        mark, .block:target { background: #fff1a8; }
        blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #444; }
        .caption { font-size: .9rem; color: #555; font-style: italic; }
        nav.pager { display: flex; justify-content: space-between; gap: 1rem; border-top: 1px solid #ddd;
          margin-top: 2rem; padding-top: 1rem; }
        nav.pager a { max-width: 48%; }
        nav.pager .next { margin-left: auto; text-align: right; }
        </style>
        </head>
        <body>
        <header class="site"><a href="/">Precis</a></header>
        <main>
        """

    static let foot = """
        </main>
        </body>
        </html>
        """

    static let index = """
        {{> head}}
        <h1>Articles</h1>
        {{^articles}}<p>No articles yet. Import some with <code>precis import</code>.</p>{{/articles}}
        <div class="list">
        {{#articles}}
        <article>
        <h2><a href="/articles/{{slug}}">{{title}}</a></h2>
        <p class="meta">{{#byline}}{{byline}} · {{/byline}}{{#date}}<time datetime="{{iso}}">{{date}}</time> · {{/date}}{{minutes}} min read</p>
        </article>
        {{/articles}}
        </div>
        {{#next}}<p><a rel="next" href="/?cursor={{next}}">Older articles</a></p>{{/next}}
        {{> foot}}
        """

    static let article = """
        {{> head}}
        <article>
        <h1>{{title}}</h1>
        <p class="meta">{{#byline}}{{byline}} · {{/byline}}{{#date}}<time datetime="{{iso}}">{{date}}</time> · {{/date}}{{minutes}} min read</p>
        <a class="summary-button" id="summary-button" href="/articles/{{slug}}/summary">No time to read? Get a summary</a>
        <section id="summary" hidden aria-live="polite">
        <p class="lengths">Length:
        <label><input type="radio" name="length" value="1"> short</label>
        <label><input type="radio" name="length" value="3" checked> medium</label>
        <label><input type="radio" name="length" value="5"> long</label></p>
        <ol id="summary-sentences"></ol>
        </section>
        <div id="body">
        {{#blocks}}
        {{#heading}}<h2 class="block" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</h2>{{/heading}}
        {{#paragraph}}<p class="block" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</p>{{/paragraph}}
        {{#list}}<ul>{{#items}}<li class="block" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</li>{{/items}}</ul>{{/list}}
        {{#quote}}<blockquote class="block" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</blockquote>{{/quote}}
        {{#caption}}<p class="block caption" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</p>{{/caption}}
        {{#preformatted}}<pre class="block" id="b{{index}}" data-start="{{start}}" data-end="{{end}}">{{text}}</pre>{{/preformatted}}
        {{/blocks}}
        </div>
        </article>
        <nav class="pager" aria-label="More articles">
        {{#previous}}<a class="previous" rel="prev" href="/articles/{{slug}}">Previous Article<br><span>{{title}}</span></a>{{/previous}}
        {{#next}}<a class="next" rel="next" href="/articles/{{slug}}">Next Article<br><span>{{title}}</span></a>{{/next}}
        </nav>
        <script>
        (function () {
          var slug = {{{slugJSON}}};
          var button = document.getElementById("summary-button");
          var box = document.getElementById("summary");
          var list = document.getElementById("summary-sentences");
          var radios = document.querySelectorAll("input[name=length]");
          var stored = null;
          try { stored = localStorage.getItem("precis-summary-length"); } catch (e) {}
          radios.forEach(function (r) { if (r.value === stored) r.checked = true; });
          function chosen() { var c = document.querySelector("input[name=length]:checked"); return c ? c.value : "3"; }
          function blockFor(start) {
            var blocks = document.querySelectorAll("#body .block");
            for (var i = 0; i < blocks.length; i++) {
              var b = blocks[i];
              if (start >= +b.dataset.start && start < +b.dataset.end) return b;
            }
            return null;
          }
          function highlight(block, text) {
            document.querySelectorAll("#body mark").forEach(function (m) {
              m.replaceWith(document.createTextNode(m.textContent)); });
            block.normalize();
            var node = block.firstChild;
            var at = node && node.nodeType === 3 ? node.textContent.indexOf(text) : -1;
            if (at < 0) { block.classList.add("highlight"); return; }
            var range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            var mark = document.createElement("mark");
            range.surroundContents(mark);
          }
          function show() {
            var n = chosen();
            fetch("/api/v1/articles/" + encodeURIComponent(slug) + "/summary?sentences=" + n)
              .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
              .then(function (summary) {
                list.textContent = "";
                summary.sentences.forEach(function (s) {
                  var item = document.createElement("li");
                  var block = blockFor(s.start);
                  var link = document.createElement("a");
                  link.textContent = s.text;
                  link.href = block ? "#" + block.id : "#body";
                  link.className = "summary-sentence";
                  link.addEventListener("click", function () { if (block) highlight(block, s.text); });
                  item.appendChild(link);
                  list.appendChild(item);
                });
                box.hidden = false;
              })
              .catch(function () { window.location = button.href; });
          }
          button.addEventListener("click", function (event) { event.preventDefault(); show(); });
          radios.forEach(function (r) {
            r.addEventListener("change", function () {
              try { localStorage.setItem("precis-summary-length", r.value); } catch (e) {}
              show();
            });
          });
        })();
        </script>
        {{> foot}}
        """

    static let summary = """
        {{> head}}
        <h1>{{title}}</h1>
        <p class="meta">Summary · {{count}} of {{total}} sentences · <a href="/articles/{{slug}}">read the whole article</a></p>
        <p class="lengths">Length:
        <a href="/articles/{{slug}}/summary?length=short">short</a> ·
        <a href="/articles/{{slug}}/summary?length=medium">medium</a> ·
        <a href="/articles/{{slug}}/summary?length=long">long</a></p>
        <ol>
        {{#sentences}}<li><a class="summary-sentence" href="/articles/{{slug}}#b{{block}}">{{text}}</a></li>{{/sentences}}
        </ol>
        {{> foot}}
        """

    static let error = """
        {{> head}}
        <h1>{{status}}</h1>
        <p>{{message}}</p>
        <p><a href="/">All articles</a></p>
        {{> foot}}
        """
}
