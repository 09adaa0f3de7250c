package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

// runHealth asks a running node for /healthz: the node named by the data
// directory's node file, or --url. It is the container's health check, so it
// needs nothing but this binary and follows --addr wherever the node listens.
func runHealth(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "health", "", "Check that the node running on the data directory answers /healthz (exit 0) or not (exit 1).")
	data := f.dataFlag()
	target := f.String("url", "", "base URL of the node to check (default: the node running on --data)")
	if err := f.parse(args); err != nil {
		return err
	}
	base := *target
	if base == "" {
		b, err := os.ReadFile(nodeFilePath(*data))
		if err != nil {
			return fmt.Errorf("no node is running on %s (no node file)", *data)
		}
		var nf nodeFile
		if err := json.Unmarshal(b, &nf); err != nil || nf.BaseURL == "" {
			return fmt.Errorf("the node file in %s is unreadable", *data)
		}
		base = nf.BaseURL
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return fmt.Errorf("--url %q is not a URL", base)
	}
	resp, err := http.DefaultClient.Do(req) // the operator's own node, named by them or by the node file
	if err != nil {
		return fmt.Errorf("%s does not answer: %w", base, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s/healthz answered %s", base, resp.Status)
	}
	fmt.Fprintln(env.stdout, "healthy:", base)
	return nil
}
