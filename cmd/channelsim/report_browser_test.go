package main

import (
	"context"
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

// TestReportInBrowser opens compare's report.html in headless Chromium:
// every chart image decodes with a width, the page logs no error and
// throws no exception, and it loads nothing but itself (it works
// offline: Chromium resolves no host names).
func TestReportInBrowser(t *testing.T) {
	path := chromium()
	if path == "" {
		if os.Geteuid() == 0 {
			t.Fatal("chromium not found: scripts/test.sh installs it (apt-get install chromium chromium-driver)")
		}
		t.Skip("chromium not found and not root: install the Debian packages chromium and chromium-driver to run the report's browser test")
	}
	dir := t.TempDir()
	if code := dispatch([]string{"compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "2", "--out", dir}); code != exitOK {
		t.Fatalf("compare: exit %d", code)
	}
	charts, _ := filepath.Glob(filepath.Join(dir, "*.svg"))

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("disable-gpu", true),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

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
