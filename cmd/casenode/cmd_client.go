package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/store"
)

func runClient(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.stderr, "Usage: casenode client add NAME [--admin] | client list | client remove ID")
		return errUsage
	}
	sub, args := args[0], args[1:]
	f := newFlags(env, "client "+sub, "", "Manage OAuth 2.0 clients (client-credentials grant at POST /oauth/token).\nScopes: "+casefile.ScopeRead+" (read), "+casefile.ScopeAdmin+" (admin: imports, deletes, peers, crosswalk edits).")
	data := f.dataFlag()
	admin := f.Bool("admin", false, "grant the admin scope as well as read")
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	db, err := openStore(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		if f.NArg() != 1 {
			return f.usageError("give the client's name")
		}
		return clientAdd(ctx, env, db, f.Arg(0), *admin)
	case "list":
		clients, err := db.Clients(ctx)
		for _, c := range clients {
			fmt.Fprintf(env.stdout, "%s\t%s\t%s\t%s\n", c.ID, c.Name, strings.Join(c.Scopes, " "), c.CreatedAt.Format(time.RFC3339))
		}
		return err
	case "remove":
		if f.NArg() != 1 {
			return f.usageError("give the client id")
		}
		if err := db.DeleteClient(ctx, f.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "removed client", f.Arg(0))
		return nil
	}
	return f.usageError("unknown subcommand %q (add, list, remove)", sub)
}

// clientAdd creates a client with a random secret, stores only its hash and
// prints the secret once.
func clientAdd(ctx context.Context, env *cliEnv, db *store.DB, name string, admin bool) error {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	id, secret := "c-"+hex.EncodeToString(raw[:8]), hex.EncodeToString(raw[8:])
	hash, err := server.HashSecret(secret)
	if err != nil {
		return err
	}
	scopes := []string{casefile.ScopeRead}
	if admin {
		scopes = append(scopes, casefile.ScopeAdmin)
	}
	if err := db.PutClient(ctx, store.Client{ID: id, Name: name, SecretHash: hash, Scopes: scopes, CreatedAt: time.Now().UTC()}); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "client_id: %s\nclient_secret: %s\nscopes: %s\n(the secret is shown once; only its hash is stored)\n", id, secret, strings.Join(scopes, " "))
	return nil
}
