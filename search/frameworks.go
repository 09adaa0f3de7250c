package search

import (
	"context"
	"fmt"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// frameworkCache holds what hits and facets show of each framework (title,
// uri), refreshed as the index catches up.
type frameworkCache struct {
	mu sync.RWMutex
	m  map[string]casefile.FrameworkInfo
}

func (c *frameworkCache) load(ctx context.Context, src Source) error {
	fws, err := src.Frameworks(ctx)
	if err != nil {
		return fmt.Errorf("search: frameworks: %w", err)
	}
	m := make(map[string]casefile.FrameworkInfo, len(fws))
	for _, fw := range fws {
		m[fw.Identifier] = fw
	}
	c.mu.Lock()
	c.m = m
	c.mu.Unlock()
	return nil
}

func (c *frameworkCache) put(fw casefile.FrameworkInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]casefile.FrameworkInfo{}
	}
	c.m[fw.Identifier] = fw
}

func (c *frameworkCache) remove(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, id)
}

func (c *frameworkCache) get(id string) (casefile.FrameworkInfo, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	fw, ok := c.m[id]
	return fw, ok
}

// link is the framework as a hit shows it.
func (c *frameworkCache) link(id string) casefile.LinkURI {
	fw, ok := c.get(id)
	if !ok {
		return casefile.LinkURI{Identifier: id}
	}
	return casefile.LinkURI{Title: fw.Title, Identifier: fw.Identifier, URI: fw.URI}
}
