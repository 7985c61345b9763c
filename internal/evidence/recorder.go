package evidence

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
)

// maxQuoted bounds the title or message kept of an answer.
const maxQuoted = 200

// forwardedHeaders are the request headers passed on to the API.
var forwardedHeaders = []string{"X-Auth-Token", "Accept", "Content-Type", "User-Agent"}

// Recorder is a proxy on loopback in front of a BigCommerce API: it passes
// each request on, passes each answer back unchanged, and keeps the shape of
// each answer. It follows no redirect. Rate limits and server errors are not
// kept: they say nothing about a scope, and the client retries them.
type Recorder struct {
	target *url.URL
	client *http.Client
	mu     sync.Mutex
	store  string
	kept   []Answer
}

// NewRecorder returns a recorder in front of the API at target.
func NewRecorder(target *url.URL) *Recorder {
	return &Recorder{target: target, client: &http.Client{
		Timeout:       time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// ServeHTTP forwards a request and records its answer.
func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := *r.target
	out.Path = strings.TrimRight(r.target.Path, "/") + req.URL.Path
	out.RawQuery = req.URL.RawQuery
	fwd, err := http.NewRequestWithContext(req.Context(), req.Method, out.String(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for _, h := range forwardedHeaders {
		if v := req.Header.Get(h); v != "" {
			fwd.Header.Set(h, v)
		}
	}
	if len(body) == 0 {
		fwd.Body, fwd.ContentLength = http.NoBody, 0
	}
	resp, err := r.client.Do(fwd)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(answer)
	r.keep(req, resp, answer)
}

// keep records an answer below /stores/{store_hash}.
func (r *Recorder) keep(req *http.Request, resp *http.Response, body []byte) {
	rest, ok := strings.CutPrefix(req.URL.Path, "/stores/")
	if !ok || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return
	}
	store, path, _ := strings.Cut(rest, "/")
	if req.URL.RawQuery != "" {
		path += "?" + req.URL.RawQuery
	}
	shape := scopecheck.ShapeOf(resp.Header.Get("Content-Type"), body)
	shape.Title, shape.Message = cut(shape.Title), cut(shape.Message)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.store = store
	r.kept = append(r.kept, Answer{Method: req.Method, Path: "/" + path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: shape})
}

func cut(s string) string {
	if runes := []rune(s); len(runes) > maxQuoted {
		return string(runes[:maxQuoted])
	}
	return s
}

// File returns the recording: each distinct answer once, in the order of
// the requests' paths, with the account's scopes and the day.
func (r *Recorder) File(scopes []string, day time.Time) File {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	var answers []Answer
	for _, a := range r.kept {
		key, _ := json.Marshal(a)
		if !seen[string(key)] {
			seen[string(key)] = true
			answers = append(answers, a)
		}
	}
	sort.SliceStable(answers, func(i, j int) bool {
		a, b := answers[i], answers[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		return a.Status < b.Status
	})
	return File{
		Format: Format, Recorded: day.UTC().Format(time.DateOnly), Against: AgainstOf(r.target.Host),
		StoreHash: r.store, Scopes: append([]string{}, scopes...), Answers: answers,
	}
}
