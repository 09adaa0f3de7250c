package server

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// AuthStore keeps OAuth clients and the token signing key (*store.DB satisfies it).
type AuthStore interface {
	Client(ctx context.Context, id string) (casefile.Client, error)
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
}

const (
	tokenKeyMeta    = "token_key"
	pbkdf2Iter      = 600_000
	pbkdf2KeyLen    = 32
	secretHashAlgo  = "pbkdf2-sha256"
	maxTokenBytes   = 4096
	maxSecretLength = 1024
)

// Auth issues and verifies the node's bearer tokens (OAuth 2.0 client
// credentials). Tokens are HMAC-SHA256-signed claims; the key lives in the
// store's meta table, generated on first use.
type Auth struct {
	store AuthStore
	ttl   time.Duration
	mu    sync.Mutex
	key   []byte
	now   func() time.Time
	dummy string // hash compared against when a client is unknown (even timing)
	// hashing bounds concurrent secret checks (each costs ~0.1-0.3 s of CPU),
	// so floods of token requests cannot starve the node.
	hashing chan struct{}
}

// verifyTimeout bounds the store reads of one token check.
const verifyTimeout = 2 * time.Second

// hashWait is how long a token request waits for a free secret check.
const hashWait = 3 * time.Second

// NewAuth returns an Auth issuing tokens valid for ttl (default one hour).
func NewAuth(st AuthStore, ttl time.Duration) *Auth {
	if ttl <= 0 {
		ttl = time.Hour
	}
	return &Auth{store: st, ttl: ttl, now: time.Now, hashing: make(chan struct{}, max(1, runtime.NumCPU()/2))}
}

// claims are the signed content of a token.
type claims struct {
	Sub    string   `json:"sub"`
	Scopes []string `json:"scp"`
	Exp    int64    `json:"exp"`
	Iat    int64    `json:"iat"`
}

// Issue checks the client's secret and returns a token carrying the client's
// scopes, its scopes and its expiry. A wrong id or secret is Unauthorized.
func (a *Auth) Issue(ctx context.Context, clientID, secret string) (string, []string, time.Time, error) {
	return a.issue(ctx, clientID, secret, nil)
}

// issue is Issue narrowed to the requested scopes (nil = all of the client's);
// asking for a scope the client lacks is Forbidden.
func (a *Auth) issue(ctx context.Context, clientID, secret string, want []string) (string, []string, time.Time, error) {
	bad := casefile.Errorf(casefile.Unauthorized, "unknown client or wrong secret")
	if clientID == "" || len(clientID) > 256 || len(secret) > maxSecretLength {
		return "", nil, time.Time{}, bad
	}
	c, err := a.store.Client(ctx, clientID)
	if err != nil && casefile.ErrorCode(err) != casefile.NotFound {
		return "", nil, time.Time{}, err
	}
	hash := c.SecretHash
	if err != nil {
		hash = a.dummyHash()
	}
	ok, err := a.checkSecretBounded(ctx, secret, hash)
	if err != nil {
		return "", nil, time.Time{}, err
	}
	if !ok || c.ID == "" {
		return "", nil, time.Time{}, bad
	}
	scopes := c.Scopes
	if want != nil {
		for _, sc := range want {
			if !(casefile.Principal{Scopes: c.Scopes}).Has(sc) {
				return "", nil, time.Time{}, casefile.Errorf(casefile.Forbidden, "scope %q is not granted to this client", sc)
			}
		}
		scopes = want
	}
	key, err := a.signingKey(ctx)
	if err != nil {
		return "", nil, time.Time{}, err
	}
	now := a.now()
	exp := now.Add(a.ttl).Truncate(time.Second)
	tok := sign(key, claims{Sub: c.ID, Scopes: scopes, Exp: exp.Unix(), Iat: now.Unix()})
	return tok, slices.Clone(scopes), exp, nil
}

// Verify checks a token's signature, its expiry and that its client still
// exists with its scopes, and returns its principal. A token that fails the
// checks is Unauthorized; any other error (the store failing, ctx ending)
// means the token could not be checked.
func (a *Auth) Verify(ctx context.Context, token string) (casefile.Principal, error) {
	bad := casefile.Errorf(casefile.Unauthorized, "invalid or expired token")
	if token == "" || len(token) > maxTokenBytes {
		return casefile.Principal{}, bad
	}
	ctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	key, err := a.signingKey(ctx)
	if err != nil {
		return casefile.Principal{}, err
	}
	payload, sig, ok := strings.Cut(token, ".")
	if !ok {
		return casefile.Principal{}, bad
	}
	want := mac(key, payload)
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, want) {
		return casefile.Principal{}, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	var c claims
	if err != nil || json.Unmarshal(raw, &c) != nil || c.Sub == "" {
		return casefile.Principal{}, bad
	}
	if a.now().Unix() >= c.Exp {
		return casefile.Principal{}, bad
	}
	// A removed client's tokens stop working at once (the CLI may remove
	// it from another process, so the store is asked every time).
	cl, err := a.store.Client(ctx, c.Sub)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return casefile.Principal{}, bad
	}
	if err != nil {
		return casefile.Principal{}, fmt.Errorf("checking the token's client: %w", err)
	}
	for _, sc := range c.Scopes {
		if !(casefile.Principal{Scopes: cl.Scopes}).Has(sc) {
			return casefile.Principal{}, bad
		}
	}
	return casefile.Principal{ClientID: c.Sub, Scopes: c.Scopes}, nil
}

func sign(key []byte, c claims) string {
	raw, _ := json.Marshal(c)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac(key, payload))
}

func mac(key []byte, payload string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// signingKey loads the token key from the store, creating it on first use.
func (a *Auth) signingKey(ctx context.Context) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.key != nil {
		return a.key, nil
	}
	v, err := a.store.Meta(ctx, tokenKeyMeta)
	if err != nil {
		return nil, fmt.Errorf("reading the token key: %w", err)
	}
	if v == "" {
		raw := make([]byte, 32)
		rand.Read(raw)
		v = hex.EncodeToString(raw)
		if err := a.store.SetMeta(ctx, tokenKeyMeta, v); err != nil {
			return nil, fmt.Errorf("storing the token key: %w", err)
		}
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 16 {
		return nil, casefile.Errorf(casefile.Internal, "token key in the store is malformed")
	}
	a.key = key
	return key, nil
}

func (a *Auth) dummyHash() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.dummy == "" {
		a.dummy, _ = HashSecret("no such client")
	}
	return a.dummy
}

// checkSecretBounded runs checkSecret when a hashing slot is free.
func (a *Auth) checkSecretBounded(ctx context.Context, secret, hash string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, hashWait)
	defer cancel()
	select {
	case a.hashing <- struct{}{}:
	case <-ctx.Done():
		return false, casefile.Errorf(casefile.Unavailable, "too many token requests; retry shortly")
	}
	defer func() { <-a.hashing }()
	return checkSecret(secret, hash), nil
}

// HashSecret hashes a client secret for storage:
// "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>".
func HashSecret(secret string) (string, error) {
	return hashSecret(secret, pbkdf2Iter)
}

func hashSecret(secret string, iter int) (string, error) {
	if secret == "" || len(secret) > maxSecretLength {
		return "", casefile.Errorf(casefile.Invalid, "a client secret must have 1 to %d bytes", maxSecretLength)
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	dk, err := pbkdf2.Key(sha256.New, secret, salt, iter, pbkdf2KeyLen)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", secretHashAlgo, iter, enc.EncodeToString(salt), enc.EncodeToString(dk)), nil
}

// checkSecret compares secret with a HashSecret value in constant time.
func checkSecret(secret, hash string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 || parts[0] != secretHashAlgo {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1 || iter > 10_000_000 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[2])
	want, err2 := enc.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, secret, salt, iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}
