package federation

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// tokenCache fetches OAuth2 client-credentials tokens for peers that require
// them and keeps each until shortly before it expires.
type tokenCache struct {
	c  *Client
	mu sync.Mutex
	m  map[string]cachedToken // key: token URL + client id
}

type cachedToken struct {
	token   string
	expires time.Time
}

func newTokenCache(c *Client) *tokenCache {
	return &tokenCache{c: c, m: map[string]cachedToken{}}
}

func tokenKey(cred casefile.PeerCredentials) string { return cred.TokenURL + "\x00" + cred.ClientID }

func (t *tokenCache) forget(cred casefile.PeerCredentials) {
	t.mu.Lock()
	delete(t.m, tokenKey(cred))
	t.mu.Unlock()
}

// token returns a valid access token for cred, fetching one when none is
// cached or the cached one expires within 30 s.
func (t *tokenCache) token(ctx context.Context, cred casefile.PeerCredentials, m *meter) (string, error) {
	key := tokenKey(cred)
	t.mu.Lock()
	ct, ok := t.m[key]
	t.mu.Unlock()
	if ok && time.Until(ct.expires) > 30*time.Second {
		return ct.token, nil
	}
	ct, err := t.fetch(ctx, cred, m)
	if err != nil {
		return "", err
	}
	t.mu.Lock()
	t.m[key] = ct
	t.mu.Unlock()
	return ct.token, nil
}

// fetch runs the client_credentials grant (RFC 6749 §4.4) with the client
// authenticated by HTTP Basic, as CASE 1.1 providers expect.
func (t *tokenCache) fetch(ctx context.Context, cred casefile.PeerCredentials, m *meter) (cachedToken, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if cred.Scope != "" {
		form.Set("scope", cred.Scope)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(cred.ClientID) + ":" + url.QueryEscape(cred.ClientSecret)))
	rep, err := t.c.get(ctx, call{
		url:    cred.TokenURL,
		form:   form,
		header: http.Header{"Authorization": {"Basic " + basic}},
		meter:  m,
	})
	if err != nil {
		return cachedToken{}, casefile.Errorf(casefile.Unauthorized, "peer token: %s", casefile.ErrorMessage(err))
	}
	var tr struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.Unmarshal(rep.body, &tr); err != nil || tr.AccessToken == "" {
		return cachedToken{}, casefile.Errorf(casefile.Unauthorized, "peer token: %s answered no access_token", cred.TokenURL)
	}
	life := time.Duration(tr.ExpiresIn) * time.Second
	if life <= 0 {
		life = 5 * time.Minute
	}
	return cachedToken{token: tr.AccessToken, expires: time.Now().Add(life)}, nil
}
