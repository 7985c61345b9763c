package sandbox

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
)

var errNotFound = errors.New("not found")

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

// statsRecorder guards the stats of a running sandbox.
type statsRecorder struct {
	mu   sync.Mutex
	data Stats
}

func newStats() *statsRecorder {
	return &statsRecorder{data: Stats{Stores: map[string]*StoreStats{}}}
}

func (r *statsRecorder) record(storeHash, routeKey, method, uri, agent string, status int, at time.Time) {
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

// snapshot copies the stats for encoding.
func (r *statsRecorder) snapshot() Stats {
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

// Stats returns a copy of the request counts.
func (b *BigCommerce) Stats() Stats {
	return b.stats.snapshot()
}

// serveAdmin answers the /_sandbox/ endpoints:
//
//	PUT /_sandbox/stores/{store_hash}/api-accounts/{client_id}/scopes  JSON array of scope strings
//	DELETE /_sandbox/stores/{store_hash}/api-accounts/{client_id}       the owner deletes the account
//	PUT /_sandbox/faults                                                Faults as JSON
//	GET /_sandbox/stats                                                 Stats as JSON
func (b *BigCommerce) serveAdmin(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/_sandbox/"), "/"), "/")
	switch {
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "stats":
		writeJSON(w, http.StatusOK, b.Stats())
	case r.Method == http.MethodPut && len(parts) == 1 && parts[0] == "faults":
		f, err := decodeFaults(r)
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		b.setFaults(f)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPut && len(parts) == 5 && parts[0] == "stores" && parts[2] == "api-accounts" && parts[4] == "scopes":
		var list []string
		if err := decodeJSON(r, &list); err != nil {
			writeAdminError(w, http.StatusBadRequest, "scopes: a JSON array of scope strings is expected: "+err.Error())
			return
		}
		switch err := b.setScopes(parts[1], parts[3], list); {
		case errors.Is(err, errNotFound):
			writeAdminError(w, http.StatusNotFound, "no API account "+parts[3]+" on store "+parts[1])
		case err != nil:
			writeAdminError(w, http.StatusBadRequest, err.Error())
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	case r.Method == http.MethodDelete && len(parts) == 4 && parts[0] == "stores" && parts[2] == "api-accounts":
		if err := b.deleteAccount(parts[1], parts[3]); err != nil {
			writeAdminError(w, http.StatusNotFound, "no API account "+parts[3]+" on store "+parts[1])
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		writeAdminError(w, http.StatusNotFound, "unknown sandbox endpoint "+r.Method+" "+r.URL.Path)
	}
}

// decodeFaults reads and checks the body of PUT /_sandbox/faults.
func decodeFaults(r *http.Request) (Faults, error) {
	var f Faults
	if err := decodeJSON(r, &f); err != nil {
		return f, errors.New("faults: " + err.Error())
	}
	return f, f.validate()
}

func writeAdminError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}
