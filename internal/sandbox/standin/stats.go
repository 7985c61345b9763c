package standin

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// maxLoggedRequests bounds the request log kept for GET /_sandbox/stats.
const maxLoggedRequests = 10000

// Stats counts store API requests per store, method and route.
type Stats struct {
	// Stores maps a store hash to its counts.
	Stores map[string]*StoreStats `json:"stores"`
	// WritesSucceeded counts non-GET requests answered 2xx; the sandbox implements none, so it stays 0.
	WritesSucceeded int `json:"writes_succeeded"`
	// Requests logs each request, oldest first.
	Requests []LoggedRequest `json:"requests"`
}

// StoreStats are one store's counts.
type StoreStats struct {
	Total    int            `json:"total"`
	Routes   map[string]int `json:"routes"`
	Methods  map[string]int `json:"methods"`
	Statuses map[int]int    `json:"statuses"`
	// Agents counts requests per client: the User-Agent's first product name.
	Agents map[string]int `json:"agents"`
}

// LoggedRequest is one request as the sandbox saw it.
type LoggedRequest struct {
	AtUnixMs  int64  `json:"at_unix_ms"`
	StoreHash string `json:"store_hash"`
	Route     string `json:"route"`
	// URI is the path and query as sent.
	URI string `json:"uri"`
	// Status is the answer's status; 0 when the connection was closed without one.
	Status int `json:"status"`
}

// Recorder guards the stats of a running sandbox.
type Recorder struct {
	mu   sync.Mutex
	data Stats
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder {
	return &Recorder{data: Stats{Stores: map[string]*StoreStats{}}}
}

// Record counts one request.
func (r *Recorder) Record(storeHash, routeKey, method, uri, agent string, status int, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &r.data
	st := s.Stores[storeHash]
	if st == nil {
		st = &StoreStats{Routes: map[string]int{}, Methods: map[string]int{}, Statuses: map[int]int{}, Agents: map[string]int{}}
		s.Stores[storeHash] = st
	}
	st.Total++
	product, _, _ := strings.Cut(agent, "/")
	st.Agents[product]++
	st.Routes[routeKey]++
	st.Methods[method]++
	st.Statuses[status]++
	if method != http.MethodGet && method != http.MethodHead && status >= 200 && status < 300 {
		s.WritesSucceeded++
	}
	if len(s.Requests) >= maxLoggedRequests {
		s.Requests = s.Requests[1:]
	}
	s.Requests = append(s.Requests, LoggedRequest{AtUnixMs: at.UnixMilli(), StoreHash: storeHash, Route: routeKey, URI: uri, Status: status})
}

// Snapshot copies the stats for encoding.
func (r *Recorder) Snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &r.data
	out := Stats{Stores: map[string]*StoreStats{}, WritesSucceeded: s.WritesSucceeded, Requests: append([]LoggedRequest(nil), s.Requests...)}
	for k, v := range s.Stores {
		c := &StoreStats{Total: v.Total, Routes: map[string]int{}, Methods: map[string]int{}, Statuses: map[int]int{}, Agents: map[string]int{}}
		for a, n := range v.Agents {
			c.Agents[a] = n
		}
		for r, n := range v.Routes {
			c.Routes[r] = n
		}
		for m, n := range v.Methods {
			c.Methods[m] = n
		}
		for st, n := range v.Statuses {
			c.Statuses[st] = n
		}
		out.Stores[k] = c
	}
	return out
}
