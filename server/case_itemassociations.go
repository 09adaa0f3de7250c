package server

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// getCFItemAssociations is GET /CFItemAssociations/{sourcedId}:
// {"CFItem":{…},"CFAssociations":[…]} with every association whose origin or
// destination is the item, in any framework. An item with no associations
// answers an empty list (the schema's minItems:1 cannot be met).
func (s *Server) getCFItemAssociations(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	it, err := resolve(r, s.cfg.Store.Item)
	if err != nil {
		return err
	}
	assocs, err := s.cfg.Store.ItemAssociations(r.Context(), it.Identifier)
	if err != nil {
		return err
	}
	item, err := casefile.MarshalItem(it, v)
	if err != nil {
		return err
	}
	elems, err := encodeAll(assocs, v, casefile.MarshalPckgAssociation)
	if err != nil {
		return err
	}
	stamps := []string{it.LastChangeDateTime}
	for i := range assocs {
		stamps = append(stamps, assocs[i].LastChangeDateTime)
	}
	var b bytes.Buffer
	b.WriteString(`{"CFItem":`)
	b.Write(item)
	b.WriteString(`,"CFAssociations":`)
	b.Write(jsonArray(elems))
	b.WriteByte('}')
	w.Header().Set("X-Total-Count", strconv.Itoa(len(assocs)))
	latest, err := s.latestWrite(r.Context())
	if err != nil {
		return err
	}
	s.writeObject(w, r, b.Bytes(), later(lastChange(stamps...), latest))
	return nil
}
