package sheet_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
)

// Over the node's API: an uploaded CSV is told from its content and
// imported, the framework downloads as XLSX and CSV that import back, and an
// edited re-upload shows in the framework's change records.
func TestSheetsOverAPI(t *testing.T) {
	n := newNode(t)
	auth := server.NewAuth(n.db, time.Hour)
	srv := httptest.NewServer(server.New(server.Config{BaseURL: testBase, Store: n.db, Importer: n.im, Sheets: sheet.Writer{}, Auth: auth}))
	defer srv.Close()
	hash, err := server.HashSecret("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if err := n.db.PutClient(context.Background(), store.Client{ID: "admin", Name: "admin", SecretHash: hash, Scopes: []string{casefile.ScopeAdmin}}); err != nil {
		t.Fatal(err)
	}
	token, _, _, err := auth.Issue(context.Background(), "admin", "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	post := func(body string) []casefile.ImportResult {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/import?location=plan.csv", bytes.NewBufferString(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Results []casefile.ImportResult `json:"results"`
		}
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || json.Unmarshal(data, &out) != nil || len(out.Results) != 1 {
			t.Fatalf("import: %d %s", resp.StatusCode, data)
		}
		return out.Results
	}
	res := post("fullStatement,humanCodingScheme,parent\nRoot,R,\n\"=SUM(A1:A9)\",R.1,R\n@cmd,R.2,R\n-2 + 3,R.3,R\n")[0]
	if res.Items != 4 {
		t.Fatalf("imported %+v", res)
	}
	get := func(path string) ([]byte, http.Header) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, data)
		}
		return data, resp.Header
	}
	for _, format := range []string{"xlsx", "csv"} {
		data, h := get("/api/v1/frameworks/" + res.Framework + "/export?format=" + format)
		if h.Get("Content-Disposition") == "" {
			t.Errorf("%s: no attachment header", format)
		}
		// Cells a spreadsheet would run as formulas are neutralised.
		if format == "csv" && (!bytes.Contains(data, []byte("'=SUM(A1:A9)")) || !bytes.Contains(data, []byte("'@cmd")) || !bytes.Contains(data, []byte("'-2 + 3"))) {
			t.Errorf("csv export not neutralised:\n%s", data)
		}
		n2 := newNode(t)
		back := n2.mustImport("export."+format, data)
		samePackage(t, n.pkg(res.Framework), n2.pkg(back.Framework), format == "xlsx")
	}
	post("fullStatement,humanCodingScheme,parent\nRoot,R,\nLeaf revised,R.1,R\n@cmd,R.2,R\n-2 + 3,R.3,R\n")
	data, _ := get("/api/v1/frameworks/" + res.Framework + "/changes")
	var ch struct {
		Changes []casefile.FrameworkDiff `json:"changes"`
	}
	if err := json.Unmarshal(data, &ch); err != nil || len(ch.Changes) == 0 || len(ch.Changes[0].ItemsModified) != 1 {
		t.Fatalf("changes: %s", data)
	}
}
