package onboardingcenter

import (
	"math/rand"
	"net/http"
	"sort"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// RegistrationView is one row of GET /_sandbox/registrations. It holds no secret.
type RegistrationView struct {
	ProjectID   string `json:"project_id"`
	StoreHash   string `json:"store_hash"`
	ClientID    string `json:"client_id"`
	ClientName  string `json:"client_name"`
	APIPath     string `json:"api_path"`
	Owner       string `json:"owner"`
	Fingerprint string `json:"fingerprint"`
	Status      string `json:"status"`
	Revision    int64  `json:"revision"`
	PutCount    int    `json:"put_count"`
}

// Registrations lists every project's registration.
func (o *Center) Registrations() []RegistrationView {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []RegistrationView
	for _, p := range o.projects {
		v := RegistrationView{ProjectID: p.id, StoreHash: p.storeHash, Status: statusPending, PutCount: p.putCount}
		if p.reg != nil {
			v.ClientID, v.Fingerprint, v.Status, v.Revision = p.reg.sub.ClientID, p.reg.sub.fingerprint(), p.reg.status, p.reg.revision
			v.ClientName, v.APIPath, v.Owner = p.reg.sub.ClientName, p.reg.sub.APIPath, p.reg.sub.Owner
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ProjectID < out[j].ProjectID })
	return out
}

// TaskStatusChange is the body of PUT /_sandbox/projects/{id}/api-credentials/status.
type TaskStatusChange struct {
	// Action is "reset" (the credentials are withdrawn in the UI) or "reject".
	Action  string `json:"action"`
	Message string `json:"message"`
}

// routeAdmin routes the admin API:
//
//	GET /_sandbox/registrations
//	PUT /_sandbox/projects/{id}/api-credentials/status  TaskStatusChange
//	PUT /_sandbox/faults                                 Faults
//	GET /_sandbox/stats                                  Stats
func (o *Center) routeAdmin() {
	o.admin = http.NewServeMux()
	o.admin.HandleFunc("GET /_sandbox/registrations", func(w http.ResponseWriter, _ *http.Request) {
		standin.WriteJSON(w, http.StatusOK, o.Registrations())
	})
	o.admin.HandleFunc("GET /_sandbox/stats", func(w http.ResponseWriter, _ *http.Request) {
		standin.WriteJSON(w, http.StatusOK, o.stats.Snapshot())
	})
	o.admin.HandleFunc("PUT /_sandbox/faults", func(w http.ResponseWriter, r *http.Request) {
		f, err := standin.DecodeFaults(r)
		if err != nil {
			standin.WriteAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		o.mu.Lock()
		o.faults, o.rng, o.quota = f, rand.New(rand.NewSource(f.Seed)), standin.Window{}
		if f.VerificationDelayMs != nil {
			o.delay = time.Duration(*f.VerificationDelayMs) * time.Millisecond
		}
		o.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	o.admin.HandleFunc("PUT /_sandbox/projects/{id}/api-credentials/status", func(w http.ResponseWriter, r *http.Request) {
		var change TaskStatusChange
		if err := standin.DecodeJSON(r, &change); err != nil {
			standin.WriteAdminError(w, http.StatusBadRequest, "status: "+err.Error())
			return
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		id := r.PathValue("id")
		p := o.projects[id]
		switch {
		case p == nil || p.reg == nil && change.Action == "reject":
			standin.WriteAdminError(w, http.StatusNotFound, "no registration on project "+id)
		case change.Action == "reset":
			p.withdraw()
			w.WriteHeader(http.StatusNoContent)
		case change.Action == "reject":
			p.reg.status = statusRejected
			p.reg.verification = verification{Status: statusRejected, MissingScopes: []string{}, Message: change.Message}
			w.WriteHeader(http.StatusNoContent)
		default:
			standin.WriteAdminError(w, http.StatusBadRequest, `action must be "reset" or "reject"`)
		}
	})
	o.admin.HandleFunc("/_sandbox/", func(w http.ResponseWriter, r *http.Request) {
		standin.WriteAdminError(w, http.StatusNotFound, "unknown sandbox endpoint "+r.Method+" "+r.URL.Path)
	})
}
