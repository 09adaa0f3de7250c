package store

import (
	"context"
	"database/sql/driver"

	"github.com/mattn/go-sqlite3"
)

// writerConnector opens the writer connection with the settings the DSN
// cannot carry.
//
// temp_store=MEMORY keeps statement journals in memory: every multi-row
// INSERT of an import may have to undo itself, so SQLite journals the pages
// it touches, and beyond 64 KiB that journal went to a temporary file, page
// by page. A 100,000-item import made 1.67 million pwrite calls, 1.3 million
// of them to statement journals; in memory it makes 0.35 million. The
// journal is emptied after each statement, so memory stays small.
type writerConnector struct {
	dsn string
	drv *sqlite3.SQLiteDriver
}

func newWriterConnector(dsn string) *writerConnector {
	return &writerConnector{dsn: dsn, drv: &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec(`PRAGMA temp_store = MEMORY`, nil)
			return err
		},
	}}
}

func (c *writerConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }

func (c *writerConnector) Driver() driver.Driver { return c.drv }
