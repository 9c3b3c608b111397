/// The inline stylesheet and the optional table-sorting script of every report.
///
/// Both are static text written into the HTML: no external resource is ever
/// referenced, and the report reads completely without JavaScript.
enum ReportStyle {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #5c5c5c; --rule: #e0e0e0; --panel: #f6f7f9; --accent: #0072b2;
            --good: #00754f; --bad: #b3400b; --warn: #8a6d00; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
           font: 16px/1.55 "DejaVu Sans", -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
                 "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; }
    main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; overflow-wrap: break-word; }
    header.report-header { border-bottom: 2px solid var(--ink); margin-bottom: 24px; padding-bottom: 12px; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 6px; }
    .subtitle { color: var(--muted); font-size: 1.1rem; margin: 0; }
    h2 { font-size: 1.4rem; margin: 36px 0 12px; padding-top: 8px; border-top: 1px solid var(--rule); }
    h3 { font-size: 1.15rem; margin: 24px 0 8px; }
    h4, h5, h6 { font-size: 1rem; margin: 18px 0 6px; }
    p, ul, ol, blockquote { margin: 0 0 12px; }
    a { color: var(--accent); }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: var(--panel);
           padding: 1px 4px; border-radius: 3px; }
    pre { background: var(--panel); padding: 12px; overflow-x: auto; border-radius: 4px; }
    pre code { background: none; padding: 0; }
    blockquote { border-left: 3px solid var(--rule); padding-left: 12px; color: var(--muted); }
    .notice { border: 1px solid #e6c200; background: #fffbe6; padding: 8px 12px; border-radius: 4px; color: var(--warn); }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 12px 0 20px; }
    .card { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; }
    .card .label { color: var(--muted); font-size: 0.85rem; }
    .card .value { font-size: 1.6rem; font-weight: bold; font-variant-numeric: tabular-nums; }
    .card .unit { font-size: 0.95rem; font-weight: normal; color: var(--muted); margin-left: 3px; }
    .card .delta { font-size: 0.85rem; }
    .delta.better { color: var(--good); } .delta.worse { color: var(--bad); }
    .delta.unchanged, .delta.neutral { color: var(--muted); }
    .table-wrap { overflow-x: auto; margin: 12px 0 20px; }
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
    caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top;
             overflow-wrap: break-word; }
    th.long, td.long { overflow-wrap: anywhere; }
    th { background: var(--panel); font-weight: bold; }
    td.long .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3;
                     overflow: hidden; }
    .findings { background: #f3f8fc; border: 1px solid #cfe3f1; border-radius: 8px; padding: 4px 16px 8px; margin: 0 0 24px; }
    .findings > h2 { border-top: none; margin-top: 8px; }
    .findings .question > .label, .findings .answer > .label { display: block; color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
    .findings .verdicts > .label { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; margin-right: 6px; }
    .findings .verdicts .verdict { margin: 2px 4px 2px 0; }
    details.fold { margin: 12px 0 20px; }
    details.fold > summary { cursor: pointer; color: var(--accent); }
    details.labels { font-size: 0.85rem; color: var(--muted); margin-top: 4px; }
    details.labels summary { cursor: pointer; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    table.sortable th { cursor: pointer; }
    table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
    table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
    .verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85rem; font-weight: bold;
               white-space: nowrap; }
    .verdict.reproduced { background: #d7f2e6; color: var(--good); }
    .verdict.not-reproduced { background: #fbe1d4; color: var(--bad); }
    .verdict.inconclusive { background: #eee; color: var(--muted); }
    .verdict.definitional { background: #e6e8f5; color: #4a5080; }
    .verdict.status { background: #f3f0e6; color: var(--muted); }
    .entries { margin: 12px 0 20px; }
    article.entry { border-top: 1px solid var(--rule); padding: 8px 0 6px; }
    .entry-head { margin: 0 0 4px; font-size: 1rem; display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
    .entry-id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    .entry-tag { color: var(--muted); font-size: 0.85rem; font-weight: normal; }
    article.entry dl { display: grid; grid-template-columns: minmax(7em, 11em) minmax(0, 1fr); gap: 2px 12px; margin: 0;
                       font-size: 0.92rem; }
    article.entry dt { color: var(--muted); overflow-wrap: anywhere; }
    article.entry dd { margin: 0; overflow-wrap: anywhere; }
    @media (max-width: 560px) { article.entry dl { grid-template-columns: minmax(0, 1fr); } article.entry dd { margin-bottom: 4px; } }
    figure { margin: 16px 0 28px; }
    figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
    figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 6px; }
    dl.environment { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 4px 16px; background: var(--panel);
                     padding: 12px 14px; border-radius: 6px; font-size: 0.9rem; }
    dl.environment dt { color: var(--muted); overflow-wrap: anywhere; }
    dl.environment dd { margin: 0; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--rule); padding-top: 8px; }
    @media (max-width: 600px) {
      body { font-size: 15px; }
      main { padding: 16px 12px 32px; }
      h1 { font-size: 1.5rem; }
      dl.environment { grid-template-columns: 1fr; }
      th, td { overflow-wrap: anywhere; padding: 5px 6px; }
      .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
      .card { padding: 8px 10px; }
      .card .value { font-size: 1.3rem; }
      .card .label { overflow-wrap: anywhere; }
      .verdict { white-space: normal; }
      dl.environment dd { margin-bottom: 6px; }
    }
    @media print {
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; }
      h2 { break-after: avoid; }
      figure, .card, tr, dl.environment { break-inside: avoid; }
      figure img { border: none; }
      .table-wrap { overflow: visible; }
      details.fold > *:not(summary) { display: block; }
      td.long .clamp { display: block; -webkit-line-clamp: none; line-clamp: none; overflow: visible; }
      table.sortable th::after { content: none !important; }
    }
    """

    /// Makes `table.sortable` headers sort their rows; numeric cells sort by `data-value`.
    static let sortScript = """
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th").forEach(function (header, column) {
        header.setAttribute("tabindex", "0");
        function sort() {
          var ascending = header.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
          header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column], y = b.cells[column];
            var xv = x.getAttribute("data-value"), yv = y.getAttribute("data-value");
            var order = (xv !== null && yv !== null) ? parseFloat(xv) - parseFloat(yv)
                                                     : x.textContent.localeCompare(y.textContent);
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        }
        header.addEventListener("click", sort);
        header.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
      });
    });
    """
}
