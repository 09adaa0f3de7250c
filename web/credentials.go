package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Credentials reads a learner's credential and resolves its alignments
// (*credential.Service satisfies it).
type Credentials interface {
	Resolve(ctx context.Context, body []byte, target string) (*casefile.CredentialReport, error)
}

// maxCredentialBytes bounds a pasted or uploaded credential.
const maxCredentialBytes = 1 << 20

// credentialsView is the transcript page: the form, and the report once a
// credential was sent.
type credentialsView struct {
	Available  bool
	Frameworks []casefile.FrameworkInfo
	Target     string
	Pasted     string
	Error      string
	Report     *casefile.CredentialReport
}

// credentialsForm is GET /credentials: paste or upload a credential, pick a framework.
func (h *handler) credentialsForm(w http.ResponseWriter, r *http.Request) {
	cv, err := h.credentialsBase(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "credentials", h.newView(r, "Read a learner's credential", cv))
}

// credentialsResolve is POST /credentials: the credential's achievements as
// items of the framework picked, with coverage.
func (h *handler) credentialsResolve(w http.ResponseWriter, r *http.Request) {
	cv, err := h.credentialsBase(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	body, target, err := readCredentialForm(w, r)
	cv.Target, cv.Pasted = target, string(body)
	if err == nil && cv.Available {
		cv.Report, err = h.deps.Credentials.Resolve(r.Context(), body, target)
	}
	if err != nil {
		status = http.StatusBadRequest
		if c := casefile.ErrorCode(err); c != casefile.Invalid && c != casefile.NotFound {
			h.fail(w, r, err)
			return
		}
		cv.Error = casefile.ErrorMessage(err)
	}
	if len(cv.Pasted) > 20000 {
		cv.Pasted = "" // an uploaded file is not echoed back into the form
	}
	h.render(w, r, status, "credentials", h.newView(r, "Learner's credential", cv))
}

func (h *handler) credentialsBase(r *http.Request) (credentialsView, error) {
	cv := credentialsView{Available: h.deps.Credentials != nil}
	fws, err := h.deps.Store.Frameworks(r.Context())
	cv.Frameworks = fws
	return cv, err
}

// readCredentialForm reads the pasted text, or the uploaded file when one
// was chosen, and the target framework, within maxCredentialBytes.
func readCredentialForm(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCredentialBytes+64<<10)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(maxCredentialBytes); err != nil {
			return nil, "", tooLarge(err)
		}
	} else if err := r.ParseForm(); err != nil {
		return nil, "", tooLarge(err)
	}
	target := strings.TrimSpace(r.FormValue("target"))
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxCredentialBytes+1))
		if err != nil {
			return nil, target, casefile.Errorf(casefile.Invalid, "the file could not be read")
		}
		if len(b) > maxCredentialBytes {
			return nil, target, casefile.Errorf(casefile.Invalid, "the file is larger than 1 MB")
		}
		if len(strings.TrimSpace(string(b))) > 0 {
			return b, target, nil
		}
	}
	text := strings.TrimSpace(r.FormValue("credential"))
	if text == "" {
		return nil, target, casefile.Errorf(casefile.Invalid, "paste a credential or choose a file")
	}
	return []byte(text), target, nil
}

func tooLarge(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return casefile.Errorf(casefile.Invalid, "the credential is larger than 1 MB")
	}
	return casefile.Errorf(casefile.Invalid, "the form could not be read")
}
