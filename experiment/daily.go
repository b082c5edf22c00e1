package experiment

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"channelsim/internal/safefile"
	"channelsim/sim"
)

// DailyFile is the daily series of a sweep's runs (sweep --daily): one
// long-format CSV table, gzip-compressed, with the columns run, point,
// replication, date and the columns of a run's daily.csv; one row per run
// and day, in run order.
//
// The file is a sequence of gzip members (RFC 1952 §2.2): the header
// first, then one member for each run, written and flushed as the run's
// row of runs.csv is. gzip, zcat, pandas, R and Go read the members as one
// stream; a sweep killed while writing leaves at most a partial last
// member, which resume cuts; merge copies the shards' members in run
// order without decompressing them. (Parquet, which the tools of the
// field read too, is written whole behind a footer: it cannot grow run by
// run, survive a kill or be merged by copying.)
const DailyFile = "daily.csv.gz"

// dailyIDColumns lead each row of DailyFile, before the date.
var dailyIDColumns = []string{"run", "point", "replication"}

// dailyMember returns run i's daily series as one gzip member of
// DailyFile's rows (no header), and the run's daily header.
func (p *Plan) dailyMember(i int, m *sim.Model) (member []byte, header string, err error) {
	var plain bytes.Buffer
	if err := m.WriteDailyCSV(&plain); err != nil {
		return nil, "", err
	}
	head, rows, _ := strings.Cut(plain.String(), "\n")
	point, rep, _ := p.Run(i)
	prefix := fmt.Sprintf("%d,%d,%d,", i, point, rep)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	for line := range strings.SplitSeq(strings.TrimSuffix(rows, "\n"), "\n") {
		if line == "" {
			continue
		}
		io.WriteString(zw, prefix)
		io.WriteString(zw, line)
		io.WriteString(zw, "\n")
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), strings.Join(dailyIDColumns, ",") + "," + head + "\n", nil
}

// gzipMember compresses s as one gzip member.
func gzipMember(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

// member is one gzip member of a DailyFile: its bytes' place in the file
// and the run it holds (-1: the header).
type member struct {
	start, end int64
	run        int
	text       string // the header's line, for the header member
}

// countingReader counts the bytes read through it. It is an io.ByteReader,
// so gzip and flate read no further than a member's end and the count is
// the member's end exactly.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// scanDaily lists the complete members of the DailyFile at path: the
// header, then each run's. A member cut short (a kill while writing)
// ends the list.
func scanDaily(path string) ([]member, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := &countingReader{r: bufio.NewReaderSize(f, 1<<16)}
	var out []member
	var zr *gzip.Reader
	for {
		start := cr.n
		if zr == nil {
			zr, err = gzip.NewReader(cr)
		} else {
			err = zr.Reset(cr)
		}
		if err != nil {
			return out, nil // the end, or a header cut short
		}
		zr.Multistream(false)
		data, err := io.ReadAll(zr)
		if err != nil {
			return out, nil // a member cut short
		}
		m := member{start: start, end: cr.n, run: -1}
		first, _, _ := strings.Cut(string(data), "\n")
		if len(out) == 0 {
			if !strings.HasPrefix(first, strings.Join(dailyIDColumns, ",")+",") {
				return nil, refuse("%s does not start with the header of a sweep's daily series", path)
			}
			m.text = first + "\n"
		} else {
			id, _, _ := strings.Cut(first, ",")
			if m.run, err = strconv.Atoi(id); err != nil {
				return nil, refuse("%s: member %d does not start with a run index (%q)", path, len(out), first)
			}
		}
		out = append(out, m)
	}
}

// resumeDaily cuts out's DailyFile to its header and the members of the
// first n runs of the shard (runOf(j) the j-th), those runs.csv kept, and
// returns it open for appending with its header ("" when it has none
// yet). The file is claimed in out and never opened through a link.
func resumeDaily(out *safefile.OutDir, n int, runOf func(j int) int) (*os.File, string, error) {
	if err := out.Claim(DailyFile); err != nil {
		return nil, "", err
	}
	path := filepath.Join(out.Path, DailyFile)
	ms, err := scanDaily(path)
	if errors.Is(err, os.ErrNotExist) {
		if n > 0 {
			return nil, "", refuse("%s is missing: the sweep's first runs were made without --daily; resume it without --daily, or run it again into a new directory", path)
		}
		f, err := out.CreateNew(DailyFile)
		return f, "", err
	}
	if err != nil {
		return nil, "", err
	}
	if n > 0 && len(ms) < n+1 {
		return nil, "", refuse("%s holds the series of %d runs, runs.csv %d: run the sweep again into a new directory", path, max(len(ms)-1, 0), n)
	}
	keep, header := int64(0), ""
	if len(ms) > 0 {
		keep, header = ms[0].end, ms[0].text
	}
	for j := 0; j < n; j++ {
		if ms[j+1].run != runOf(j) {
			return nil, "", refuse("%s: member %d holds run %d, expected run %d", path, j+1, ms[j+1].run, runOf(j))
		}
		keep = ms[j+1].end
	}
	f, err := out.OpenExisting(DailyFile)
	if err != nil {
		return nil, "", err
	}
	if err := f.Truncate(keep); err != nil {
		f.Close()
		return nil, "", err
	}
	if _, err := f.Seek(keep, io.SeekStart); err != nil {
		f.Close()
		return nil, "", err
	}
	return f, header, nil
}

// mergeDaily writes out/DailyFile from the shards' DailyFiles: the
// header, then every run's member in run order, copied as they are.
// Every run of the sweep's runs must be there once.
func mergeDaily(out *safefile.OutDir, dirs []string, runs int) error {
	type src struct {
		f    *os.File
		ms   []member
		next int
	}
	var srcs []*src
	defer func() {
		for _, s := range srcs {
			s.f.Close()
		}
	}()
	header := ""
	for _, d := range dirs {
		path := filepath.Join(d, DailyFile)
		ms, err := scanDaily(path)
		if err != nil {
			return refuse("shard %s: %v (every shard of a sweep run with --daily has one)", d, err)
		}
		if len(ms) == 0 {
			return refuse("shard %s: %s has no header", d, DailyFile)
		}
		if header == "" {
			header = ms[0].text
		} else if ms[0].text != header {
			return refuse("shard %s: %s has other columns than %s's", d, DailyFile, dirs[0])
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		srcs = append(srcs, &src{f: f, ms: ms, next: 1})
	}
	w, err := out.Create(DailyFile)
	if err != nil {
		return err
	}
	defer w.Abort()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(gzipMember(header))
	for n := 0; ; n++ {
		var best *src
		for _, s := range srcs {
			if s.next < len(s.ms) && (best == nil || s.ms[s.next].run < best.ms[best.next].run) {
				best = s
			}
		}
		if best == nil {
			if n != runs {
				return refuse("the shards' %s hold the series of %d runs, the sweep has %d", DailyFile, n, runs)
			}
			break
		}
		m := best.ms[best.next]
		if m.run != n {
			return refuse("the shards' %s have no series of run %d (the next is run %d)", DailyFile, n, m.run)
		}
		best.next++
		if _, err := io.Copy(bw, io.NewSectionReader(best.f, m.start, m.end-m.start)); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return w.Commit()
}

// ReadDaily reads a DailyFile whole: its header and rows (for tests and
// small sweeps; the file streams for anything larger).
func ReadDaily(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return csv.NewReader(zr).ReadAll()
}
