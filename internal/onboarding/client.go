// Package onboarding is the provider's one HTTP client for Modern Retail's
// Onboarding Center API, whose contract is openapi.yaml beside this file.
package onboarding

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// LogSubsystem names the client's tflog subsystem.
const LogSubsystem = "onboarding"

// HeaderIdempotencyKey makes a PUT safe to retry.
const HeaderIdempotencyKey = "Idempotency-Key"

// TaskAPICredentials is the key of the "API Credentials" task.
const TaskAPICredentials = "api_credentials"

// The statuses of the API Credentials task and of a registration.
const (
	StatusPending   = "pending"
	StatusSubmitted = "submitted"
	StatusVerified  = "verified"
	StatusRejected  = "rejected"
)

// ProjectIDPattern is the shape of a project id.
const ProjectIDPattern = `^[A-Za-z0-9_-]{1,64}$`

var projectIDRegexp = regexp.MustCompile(ProjectIDPattern)

// Project is an onboarding project.
type Project struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	StoreHash *string `json:"store_hash"`
	Tasks     []Task  `json:"tasks"`
}

// CredentialsTaskStatus is the status of the project's API Credentials task,
// pending when nothing is registered; empty when the project lists no such task.
func (p *Project) CredentialsTaskStatus() string {
	for _, t := range p.Tasks {
		if t.Key == TaskAPICredentials {
			return t.Status
		}
	}
	return ""
}

// Task is one task of a project.
type Task struct {
	Key    string `json:"key"`
	Status string `json:"status"`
}

// Submission is the body of a PUT: the manual-entry form, or the file's fields.
type Submission struct {
	StoreHash    string `json:"store_hash"`
	ClientID     string `json:"client_id"`
	ClientName   string `json:"client_name"`
	APIPath      string `json:"api_path"`
	AccessToken  string `json:"access_token"`
	ClientSecret string `json:"client_secret"`
	// Owner is the submitting client's opaque id; empty sends none.
	Owner string `json:"owner,omitempty"`
}

// SubmissionOf is the submission of parsed credentials, as the file upload and the form send them.
func SubmissionOf(c credentialsfile.Credentials) Submission {
	return Submission{StoreHash: c.StoreHash, ClientID: c.ClientID, ClientName: c.ClientName, APIPath: c.APIPath,
		AccessToken: c.AccessToken, ClientSecret: c.ClientSecret}
}

// Fingerprint is what the Onboarding Center reports for these secrets.
func (s Submission) Fingerprint() string {
	return Fingerprint(s.AccessToken, s.ClientSecret)
}

// Registration is the registered credentials, without secrets.
type Registration struct {
	Status       string       `json:"status"`
	StoreHash    string       `json:"store_hash"`
	ClientID     string       `json:"client_id"`
	ClientName   string       `json:"client_name"`
	APIPath      string       `json:"api_path"`
	Fingerprint  string       `json:"fingerprint"`
	Revision     int64        `json:"revision"`
	SubmittedAt  string       `json:"submitted_at"`
	Verification Verification `json:"verification"`
	// Owner is the owner of the submission that made this revision; empty when it had none.
	Owner string `json:"owner"`
}

// OwnedBy reports whether owner wrote the registration's current revision.
func (r *Registration) OwnedBy(owner string) bool {
	return owner != "" && r.Owner == owner
}

// Verification is the Onboarding Center's own check of the credentials.
type Verification struct {
	Status        string   `json:"status"`
	MissingScopes []string `json:"missing_scopes"`
	Message       string   `json:"message"`
}

// ETag is the contract's ETag of a revision: the revision in double quotes.
func ETag(revision int64) string {
	return `"` + strconv.FormatInt(revision, 10) + `"`
}

// Condition makes a PUT or DELETE conditional. The zero value is unconditional.
type Condition struct {
	// IfMatch is the ETag the registration must have.
	IfMatch string
	// IfNoneMatch asks that nothing be registered yet.
	IfNoneMatch bool
}

func (c Condition) header() map[string]string {
	h := map[string]string{}
	if c.IfMatch != "" {
		h["If-Match"] = c.IfMatch
	}
	if c.IfNoneMatch {
		h["If-None-Match"] = "*"
	}
	return h
}

// Terminal reports whether verification has finished.
func (r *Registration) Terminal() bool {
	return r.Status == StatusVerified || r.Status == StatusRejected
}

// Fingerprint is the lowercase hex SHA-256 of the access token, a newline and
// the client secret, as the contract defines it.
func Fingerprint(accessToken, clientSecret string) string {
	sum := sha256.Sum256([]byte(accessToken + "\n" + clientSecret))
	return hex.EncodeToString(sum[:])
}

// IdempotencyKey derives the key of a submission from everything it sends and
// a generation that the caller bumps to submit the same values again. The same
// intent always gives the same key, so a retried or re-run apply never makes a
// second revision.
func IdempotencyKey(projectID string, s Submission, generation string) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{
		projectID, s.StoreHash, s.ClientID, s.ClientName, s.APIPath, s.Fingerprint(), s.Owner, generation,
	}, "\x00")))
	return "tf-" + hex.EncodeToString(sum[:16])
}

// FieldError is one invalid field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// APIError is an answer outside 2xx.
type APIError struct {
	Operation string
	Status    int
	Errors    []FieldError
	// Current is, on 412, the registration as it is now; nil when nothing is registered.
	Current *Registration
}

func (e *APIError) Error() string {
	var parts []string
	for _, f := range e.Errors {
		if f.Field != "" {
			parts = append(parts, f.Field+": "+f.Message)
		} else {
			parts = append(parts, f.Message)
		}
	}
	msg := fmt.Sprintf("%s: the Onboarding Center answered %d %s", e.Operation, e.Status, http.StatusText(e.Status))
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	return msg
}

// IsStatus reports whether err is an APIError with the given status.
func IsStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}

// Client talks to one Onboarding Center.
type Client struct {
	api   *apiclient.Client
	token string
	// secrets holds the token, removed from every answer quoted in an error.
	secrets redact.Set
}

// New returns a client for the Onboarding Center at base; requests go to base/v1.
func New(base *url.URL, token, userAgent string, opts apiclient.Options) *Client {
	b := *base
	b.Path = strings.TrimRight(b.Path, "/") + "/v1"
	return &Client{token: token, secrets: redact.New(token), api: apiclient.New(apiclient.Config{
		BaseURL:          &b,
		UserAgent:        userAgent,
		Subsystem:        LogSubsystem,
		CredentialHeader: "Authorization",
		Options:          opts,
	})}
}

// GetProject reads a project.
func (c *Client) GetProject(ctx context.Context, projectID string) (*Project, error) {
	var p Project
	if err := c.call(ctx, "GET project "+projectID, http.MethodGet, projectID, "", nil, nil, &p, nil); err != nil {
		return nil, err
	}
	return &p, nil
}

// PutCredentials registers credentials under an idempotency key, on a condition.
func (c *Client) PutCredentials(ctx context.Context, projectID string, s Submission, idempotencyKey string, cond Condition) (*Registration, error) {
	body, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	header := cond.header()
	header[HeaderIdempotencyKey] = idempotencyKey
	var r Registration
	err = c.call(ctx, "PUT api-credentials of project "+projectID, http.MethodPut, projectID, "/api-credentials", body,
		header, &r, []string{s.AccessToken, s.ClientSecret})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// GetCredentials reads the registration.
func (c *Client) GetCredentials(ctx context.Context, projectID string) (*Registration, error) {
	var r Registration
	if err := c.call(ctx, "GET api-credentials of project "+projectID, http.MethodGet, projectID, "/api-credentials", nil, nil, &r, nil); err != nil {
		return nil, err
	}
	return &r, nil
}

// DeleteCredentials withdraws the registration, on a condition.
func (c *Client) DeleteCredentials(ctx context.Context, projectID string, cond Condition) error {
	return c.call(ctx, "DELETE api-credentials of project "+projectID, http.MethodDelete, projectID, "/api-credentials", nil, cond.header(), nil, nil)
}

// call sends a request about a project and decodes a 2xx answer into out.
// The onboarding token and the secrets that the request carried are removed
// from any error text the server sends back, whatever the method.
func (c *Client) call(ctx context.Context, operation, method, projectID, suffix string, body []byte, header map[string]string, out any, secrets []string) error {
	if !projectIDRegexp.MatchString(projectID) {
		return fmt.Errorf("%s: the project id must be 1 to 64 letters, digits, '_' or '-'", operation)
	}
	resp, err := c.api.Do(ctx, apiclient.Request{
		Method:     method,
		Path:       "/projects/" + projectID + suffix,
		Credential: "Bearer " + c.token,
		Secrets:    append([]string{c.token}, secrets...),
		Header:     header,
		Body:       body,
	})
	if err != nil {
		return fmt.Errorf("%s: %w", operation, err)
	}
	return decodeResponse(operation, resp.Status, resp.Body, out, c.secrets.With(secrets...))
}

// decodeResponse turns an answer into out, or into an APIError outside 2xx.
func decodeResponse(operation string, status int, body []byte, out any, secrets redact.Set) error {
	if status < 200 || status > 299 {
		apiErr := &APIError{Operation: operation, Status: status}
		var parsed struct {
			Errors       []FieldError  `json:"errors"`
			Registration *Registration `json:"registration"`
		}
		if json.Unmarshal(body, &parsed) == nil {
			for _, e := range parsed.Errors {
				apiErr.Errors = append(apiErr.Errors, FieldError{Field: secrets.Text(e.Field), Message: secrets.Text(e.Message)})
			}
			if status == http.StatusPreconditionFailed {
				apiErr.Current = parsed.Registration
			}
		}
		return apiErr
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("%s: the Onboarding Center sent an unexpected response (%d bytes): %s", operation, len(body), describeJSONError(err))
	}
	return nil
}

func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("field %q is a JSON %s, not %s", typeErr.Field, typeErr.Value, typeErr.Type)
	}
	return "not JSON"
}
