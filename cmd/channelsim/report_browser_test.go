package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts headless Chromium for the test and returns its context
// (the browser ends with the test). It fails the test when Chromium is
// missing as root (scripts/test.sh installs it) and skips it otherwise.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Geteuid() == 0 {
			t.Fatal("chromium not found: scripts/test.sh installs it (apt-get install chromium chromium-driver)")
		}
		t.Skip("chromium not found and not root: install the Debian packages chromium and chromium-driver to run the report's browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("disable-gpu", true),
	)
	// The fonts a reader's machine may lack are hidden from the browser:
	// it sees DejaVu alone, so a chart that asks for a font it does not
	// carry is drawn in another one, as on such a machine.
	if conf := fontConfig(t); conf != "" {
		opts = append(opts, chromedp.Env("FONTCONFIG_FILE="+conf))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	return ctx
}

// fontConfig writes a fontconfig file that offers the browser DejaVu's
// fonts alone, and returns its path ("" when DejaVu is not installed).
func fontConfig(t *testing.T) string {
	const dejavu = "/usr/share/fonts/truetype/dejavu"
	if _, err := os.Stat(dejavu); err != nil {
		return ""
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	xml := `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>` + dejavu + `</dir><cachedir>` + filepath.Join(dir, "cache") + `</cachedir></fontconfig>
`
	if err := os.WriteFile(conf, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

// TestReportInBrowser opens compare's report.html in headless Chromium:
// every chart image decodes with a width, the page logs no error and
// throws no exception, and it loads nothing but itself (it works
// offline: Chromium resolves no host names).
func TestReportInBrowser(t *testing.T) {
	dir := t.TempDir()
	if code := dispatch([]string{"compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "2", "--out", dir}); code != exitOK {
		t.Fatalf("compare: exit %d", code)
	}
	charts, _ := filepath.Glob(filepath.Join(dir, "*.svg"))

	ctx := browser(t)

	var mu sync.Mutex
	var problems, requests []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				problems = append(problems, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
	enable := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	})
	if err := chromedp.Do(ctx, enable, chromedp.Navigate("file://"+filepath.Join(dir, "report.html"))); err != nil {
		t.Fatal(err)
	}
	// Each image decoded, with its natural width.
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](
		`Promise.all([...document.images].map(i => i.decode().then(() => i.naturalWidth, () => 0)))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(widths) != len(charts) || len(widths) < 10 {
		t.Errorf("the page has %d images, the directory %d charts", len(widths), len(charts))
	}
	for i, w := range widths {
		if !(w > 0) {
			t.Errorf("image %d does not render (naturalWidth %v)", i, w)
		}
	}
	// One more round trip: Listen sees every event that arrived before
	// its reply.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the page reported: %s", strings.Join(problems, "; "))
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page loads %s: it does not work offline", u)
		}
	}
	if len(requests) == 0 {
		t.Error("no request seen: the listener is not working")
	}
}

// chartTextJS inlines each SVG chart of the page (an image whose source is
// an SVG data URI) into the document, waits for its fonts, and lists every
// text element that runs out of its chart or overlaps another text of the
// same chart, in CSS pixels: what a reader sees clipped or on top of each
// other. Boxes are the glyph cells of the font the browser actually used.
const chartTextJS = `(async () => {
  const out = [];
  const prefix = 'data:image/svg+xml;base64,';
  const imgs = [...document.images].filter(i => i.src.startsWith(prefix));
  for (const img of imgs) {
    const bytes = Uint8Array.from(atob(img.src.slice(prefix.length)), c => c.charCodeAt(0));
    const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:0;top:0';
    holder.appendChild(document.importNode(doc.documentElement, true));
    document.body.appendChild(holder);
    holder.getBoundingClientRect();
    await document.fonts.ready;
    const svg = holder.firstElementChild.getBoundingClientRect();
    const texts = [...holder.querySelectorAll('text')]
      .map(t => ({s: t.textContent, r: t.getBoundingClientRect()}))
      .filter(t => t.s.trim() !== '');
    const tol = 0.5;
    for (const t of texts) {
      const r = t.r;
      if (r.left < svg.left - tol || r.right > svg.right + tol || r.top < svg.top - tol || r.bottom > svg.bottom + tol) {
        out.push(img.alt + ': "' + t.s + '" runs out of the chart (' +
          [r.left - svg.left, r.top - svg.top, r.right - svg.left, r.bottom - svg.top].map(x => x.toFixed(1)).join(', ') +
          ' in ' + svg.width.toFixed(0) + '×' + svg.height.toFixed(0) + ')');
      }
    }
    // Two texts overlap when their boxes share more than a fifth of the
    // smaller: a glyph cell's box reaches into the line gap, so the lines
    // of one label touch.
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0 && h > 0 && w * h > 0.2 * Math.min(a.width * a.height, b.width * b.height)) {
          out.push(img.alt + ': "' + texts[i].s + '" overlaps "' + texts[j].s + '"');
        }
      }
    }
    holder.remove();
  }
  return [String(imgs.length), ...out];
})()`

// svgTextProblems opens page (a file) in the browser and returns the
// number of SVG charts in it and what chartTextJS finds.
func svgTextProblems(t *testing.T, ctx context.Context, page string) (int, []string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartTextJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	fmt.Sscan(res[0], &n)
	return n, res[1:]
}

// TestReportChartsTextFits: no text of any chart in compare's report.html
// runs out of its chart or overlaps another text, when drawn by a browser
// that has none of the fonts the charts were laid out with (DejaVu alone):
// the charts carry their fonts.
func TestReportChartsTextFits(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	if code := dispatch([]string{"compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "2", "--out", dir}); code != exitOK {
		t.Fatalf("compare: exit %d", code)
	}
	n, problems := svgTextProblems(t, ctx, filepath.Join(dir, "report.html"))
	if n < 10 {
		t.Errorf("%d SVG charts in report.html, expected at least 10", n)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestPlotChartsTextFits: the same of plot's charts, a heatmap and bands
// with long axis labels, drawn in an image of a page as a browser shows
// them.
func TestPlotChartsTextFits(t *testing.T) {
	ctx := browser(t)
	dir, charts := t.TempDir(), t.TempDir() // plot writes outside the sweep's directory
	if code := dispatch([]string{"sweep", "scan-ban", "--reps", "1", "--days", "2", "--out", dir, "--no-progress"}); code != exitOK {
		t.Fatalf("sweep: exit %d", code)
	}
	runs := filepath.Join(dir, "runs.csv")
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><body>\n")
	for i, extra := range [][]string{
		{"--x", "controls.search_share", "--y", "freight_delay_mean_min", "--by", "controls.xray_for_people", "--heatmap"},
		{"--x", "controls.search_share", "--y", "detections_total", "--by", "controls.xray_for_people"},
	} {
		out := filepath.Join(charts, fmt.Sprintf("chart-%d.svg", i))
		if code := dispatch(append([]string{"plot", runs, "--out", out}, extra...)); code != exitOK {
			t.Fatalf("plot %v: exit %d", extra, code)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&page, "<img alt=%q src=\"data:image/svg+xml;base64,%s\">\n", strings.Join(extra, " "), base64.StdEncoding.EncodeToString(b))
	}
	html := filepath.Join(dir, "charts.html")
	if err := os.WriteFile(html, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	n, problems := svgTextProblems(t, ctx, html)
	if n != 2 {
		t.Errorf("%d SVG charts on the page, expected 2", n)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
