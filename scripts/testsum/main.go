// Command testsum reads `go test -json` on stdin and prints what a person
// watching `make test` needs: a line as each package finishes, every
// half minute the tests still running (a fresh machine spends minutes in
// a few long tests), the output of every failed test, and a closing
// summary line "tests: N passed, N failed, N skipped". It exits 1 if a
// test or a package failed (a build error fails its package).
//
//	go test -json ./... | go run ./scripts/testsum
//
// With -counts FILE it also writes "passed failed skipped" to FILE, for
// scripts/test.sh's summary of every stage.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// event is one line of go test -json (test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

func main() {
	counts := flag.String("counts", "", "write 'passed failed skipped' to this file")
	every := flag.Duration("every", 30*time.Second, "how often to list the tests still running")
	flag.Parse()

	var mu sync.Mutex
	running := map[string]time.Time{} // "pkg TestX" → started
	output := map[string][]string{}   // "pkg TestX" or "pkg" → its output
	var passed, failed, skipped, pkgFailed int
	var failures []string
	start := time.Now()

	tick := time.NewTicker(*every)
	defer tick.Stop()
	go func() {
		for range tick.C {
			mu.Lock()
			var names []string
			for k, t := range running {
				names = append(names, fmt.Sprintf("%s (%s)", k, time.Since(t).Round(time.Second)))
			}
			sort.Strings(names)
			if len(names) > 0 {
				if len(names) > 4 {
					names = append(names[:4], fmt.Sprintf("and %d more", len(names)-4))
				}
				fmt.Printf("… %s: still running %s\n", time.Since(start).Round(time.Second), strings.Join(names, ", "))
			}
			mu.Unlock()
		}
	}()

	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // not an event: go's own message
			continue
		}
		key := strings.TrimSuffix(e.Package+" "+e.Test, " ")
		mu.Lock()
		switch e.Action {
		case "run", "cont":
			if e.Test != "" && !strings.Contains(e.Test, "/") {
				running[key] = time.Now()
			}
		case "pause":
			// A parallel test waits for the serial ones: not running.
			delete(running, key)
		case "output":
			if len(output[key]) < 400 {
				output[key] = append(output[key], e.Output)
			}
		case "pass", "fail", "skip":
			delete(running, key)
			if e.Test == "" {
				status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "skip"}[e.Action]
				fmt.Printf("%s %-40s %6.1fs\n", status, e.Package, e.Elapsed)
				if e.Action == "fail" {
					pkgFailed++
					fmt.Print(strings.Join(output[key], ""))
				}
			} else if !strings.Contains(e.Test, "/") {
				switch e.Action {
				case "pass":
					passed++
				case "fail":
					failed++
					failures = append(failures, key)
					fmt.Print(strings.Join(output[key], ""))
				case "skip":
					skipped++
				}
			}
			delete(output, key)
		}
		mu.Unlock()
	}
	mu.Lock()
	defer mu.Unlock()
	if len(failures) > 0 {
		fmt.Printf("failed: %s\n", strings.Join(failures, ", "))
	}
	if pkgFailed > 0 && failed == 0 {
		failed = pkgFailed // a package that did not build ran no test
	}
	if *counts != "" {
		os.WriteFile(*counts, []byte(fmt.Sprintf("%d %d %d\n", passed, failed, skipped)), 0o644)
	}
	fmt.Printf("go test in %s\n", time.Since(start).Round(time.Second))
	fmt.Printf("tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 || pkgFailed > 0 {
		os.Exit(1)
	}
}
