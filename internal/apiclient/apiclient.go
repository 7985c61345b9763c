// Package apiclient is the HTTP plumbing the provider's API clients share:
// retries with backoff, no redirects (so credentials never follow one to
// another host), bounded response bodies, and tflog logging with the
// credential masked.
package apiclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// maxBodySize bounds how much of a response is read.
const maxBodySize = 1 << 20

// maxIdleConnsPerHost is how many connections to the API host are kept open for reuse.
const maxIdleConnsPerHost = 128

// Options tune retries; the zero value takes the defaults.
type Options struct {
	// MaxRetries is how many times a request is retried after a 5xx, a connection error, or a 429 that
	// says nothing of when to retry. A 429 that names its wait is retried after it, within the request's
	// deadline, up to maxPacedRetries times. Zero means the default of 5; a negative number means no retry.
	MaxRetries int
	// MinWait and MaxWait pace the retries that no header paces: the n-th waits n times a random wait
	// from MinWait to twice MinWait, at most MaxWait. Defaults 250ms and 8s.
	MinWait, MaxWait time.Duration
}

// Config describes one API.
type Config struct {
	// BaseURL is the API's base; credentials go to its host only.
	BaseURL *url.URL
	// UserAgent is sent with every request.
	UserAgent string
	// Subsystem names the tflog subsystem of the API's log lines.
	Subsystem string
	// CredentialHeader carries the credential; its value is masked in logs.
	CredentialHeader string
	// RateLimitWait reads how long a 429 asks to wait in the API's own headers; Retry-After is read in any case.
	RateLimitWait func(http.Header) (time.Duration, bool)
	// RateLimitHeaders name the headers RateLimitWait reads, for messages.
	RateLimitHeaders []string
	// LoggedHeaders are response headers worth logging, such as rate-limit counters.
	LoggedHeaders []string
	Options
}

// Client sends requests to one API.
type Client struct {
	cfg  Config
	http *retryablehttp.Client
}

// Response is an answer, read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// UserAgent builds the User-Agent header, with TF_APPEND_USER_AGENT appended when set.
func UserAgent(providerVersion, terraformVersion string) string {
	ua := fmt.Sprintf("terraform-provider-modernretail/%s Terraform/%s", providerVersion, terraformVersion)
	if extra := strings.TrimSpace(os.Getenv("TF_APPEND_USER_AGENT")); extra != "" {
		ua += " " + extra
	}
	return ua
}

// New returns a client for the API cfg describes.
func New(cfg Config) *Client {
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 5
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MinWait == 0 {
		cfg.MinWait = 250 * time.Millisecond
	}
	if cfg.MaxWait == 0 {
		cfg.MaxWait = 8 * time.Second
	}
	base := *cfg.BaseURL
	cfg.BaseURL = &base
	httpClient := cleanhttp.DefaultPooledClient()
	// A fleet's scope checks send many requests to one host at once; keep their
	// connections for reuse instead of dialing anew.
	if transport, ok := httpClient.Transport.(*http.Transport); ok {
		transport.MaxIdleConnsPerHost = maxIdleConnsPerHost
	}
	// A credential header would follow a redirect to any host, so none is followed.
	httpClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := &Client{cfg: cfg}
	c.http = &retryablehttp.Client{
		HTTPClient:      httpClient,
		RetryMax:        cfg.MaxRetries + maxPacedRetries,
		RetryWaitMin:    cfg.MinWait,
		RetryWaitMax:    cfg.MaxWait,
		CheckRetry:      c.checkRetry,
		Backoff:         c.backoff,
		ErrorHandler:    retryablehttp.PassthroughErrorHandler,
		RequestLogHook:  c.logRequest,
		ResponseLogHook: c.logResponse,
	}
	return c
}

// Request is one call.
type Request struct {
	Method string
	// Path is appended to the base URL's path; Query is the raw query.
	Path, Query string
	// Credential is the value of the credential header.
	Credential string
	// Secrets are further values masked in every log line, such as the token inside the credential.
	Secrets []string
	// Header holds further request headers.
	Header map[string]string
	// Body is sent as JSON when not nil.
	Body []byte
}

// Do sends the request, retrying as configured, and reads the answer.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	target := *c.cfg.BaseURL
	target.Path = strings.TrimRight(c.cfg.BaseURL.Path, "/") + r.Path
	target.RawPath = ""
	target.RawQuery = r.Query

	// TF_LOG_PROVIDER_MODERNRETAIL_BIGCOMMERCE or ..._ONBOARDING sets one subsystem's level.
	ctx = tflog.NewSubsystem(ctx, c.cfg.Subsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_MODERNRETAIL", c.cfg.Subsystem))
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, c.cfg.Subsystem, c.cfg.CredentialHeader)
	ctx = redact.New(append([]string{r.Credential}, r.Secrets...)...).MaskLogs(ctx, c.cfg.Subsystem)
	var body any
	if r.Body != nil {
		body = r.Body
	}
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, retriesKey{}, &retries{}), r.Method, target.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building the request: %w", err)
	}
	req.Header.Set(c.cfg.CredentialHeader, r.Credential)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil && resp != nil {
		_ = resp.Body.Close()
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the response: %w", r.Method, r.Path, err)
	}
	if len(data) > maxBodySize {
		return nil, fmt.Errorf("%s %s: the response is larger than %d bytes", r.Method, r.Path, maxBodySize)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// backoff waits as long as a 429 asks through the API's own headers, or as
// long as a Retry-After in seconds or as an HTTP date asks on a 429 or 503;
// otherwise it backs off linearly with jitter, so that many stores do not
// retry in lockstep, up to maxWait. Both come from go-retryablehttp's policies.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests && c.cfg.RateLimitWait != nil {
		if d, ok := c.cfg.RateLimitWait(resp.Header); ok {
			return d
		}
	}
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) && resp.Header.Get("Retry-After") != "" {
		return retryablehttp.RateLimitLinearJitterBackoff(minWait, 2*minWait, attempt, resp)
	}
	return min(retryablehttp.LinearJitterBackoff(minWait, 2*minWait, attempt, resp), maxWait)
}

// maxAskedWait bounds a wait that a server asks for, when the request has no deadline of its own.
const maxAskedWait = 5 * time.Minute

// maxPacedRetries bounds the retries of one request after 429s that name
// their wait, such as a rate-limit window shared by many stores.
const maxPacedRetries = 100

// retries counts one request's retries by kind.
type retries struct{ failed, paced int }

// retriesKey is the context key of a request's retries.
type retriesKey struct{}

// WaitTooLongError reports a server that asked to wait longer than the request may.
type WaitTooLongError struct {
	// Header names the header that asked for the wait.
	Header string
	// Wait is the wait asked for; Left the time the request had left.
	Wait, Left time.Duration
}

func (e *WaitTooLongError) Error() string {
	return fmt.Sprintf("the server asked to wait %s (%s) before a retry, longer than the %s left, so the request was not retried",
		e.Wait.Round(time.Second), e.Header, e.Left.Round(time.Second))
}

// checkRetry retries as go-retryablehttp's default policy does, up to
// MaxRetries failures. A 429 that names its wait does not count as a failure:
// it is waited out, up to maxPacedRetries times. Either fails at once when the
// server asks, through its headers, for a wait longer than the request's
// deadline leaves, or than maxAskedWait without a deadline.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	retry, checkErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if !retry || c.cfg.MaxRetries == 0 {
		return false, checkErr
	}
	count, _ := ctx.Value(retriesKey{}).(*retries)
	if count == nil {
		count = &retries{}
	}
	var wait time.Duration
	var header string
	asked := false
	if resp != nil {
		wait, header, asked = c.askedWait(resp)
	}
	if asked {
		left := maxAskedWait
		if deadline, ok := ctx.Deadline(); ok {
			left = time.Until(deadline)
		}
		if wait > left {
			return false, &WaitTooLongError{Header: header, Wait: wait, Left: left}
		}
	}
	if asked && resp.StatusCode == http.StatusTooManyRequests {
		// A rate limit that names its window is waited out within the deadline, however busy it is.
		count.paced++
		return count.paced <= maxPacedRetries, checkErr
	}
	count.failed++
	return count.failed <= c.cfg.MaxRetries, checkErr
}

// askedWait returns the wait an answer asks for, and the header that asks:
// the API's own rate-limit headers on 429, or Retry-After, in seconds or as
// an HTTP date, on 429 and 503.
func (c *Client) askedWait(resp *http.Response) (time.Duration, string, bool) {
	if resp.StatusCode == http.StatusTooManyRequests && c.cfg.RateLimitWait != nil {
		if d, ok := c.cfg.RateLimitWait(resp.Header); ok {
			return d, strings.Join(c.cfg.RateLimitHeaders, ", "), true
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, "", false
	}
	value := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, "Retry-After", true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(time.Until(at), 0), "Retry-After", true
	}
	return 0, "", false
}

// SecondsHeader reads a header that gives a wait in seconds.
func SecondsHeader(h http.Header, name string) (time.Duration, bool) {
	var s float64
	if _, err := fmt.Sscanf(strings.TrimSpace(h.Get(name)), "%g", &s); err != nil || s < 0 {
		return 0, false
	}
	return time.Duration(s * float64(time.Second)), true
}

func (c *Client) logRequest(_ retryablehttp.Logger, req *http.Request, retry int) {
	tflog.SubsystemDebug(req.Context(), c.cfg.Subsystem, "Sending request", map[string]any{
		"method":               req.Method,
		"path":                 req.URL.Path,
		"retry":                retry,
		c.cfg.CredentialHeader: req.Header.Get(c.cfg.CredentialHeader),
		"user_agent":           req.UserAgent(),
		"content_present":      req.ContentLength > 0,
	})
}

func (c *Client) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	fields := map[string]any{
		"method": resp.Request.Method,
		"path":   resp.Request.URL.Path,
		"status": resp.StatusCode,
	}
	for _, h := range c.cfg.LoggedHeaders {
		if v := resp.Header.Get(h); v != "" {
			fields[h] = v
		}
	}
	tflog.SubsystemDebug(resp.Request.Context(), c.cfg.Subsystem, "Received response", fields)
}
