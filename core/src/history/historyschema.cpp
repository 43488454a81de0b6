// SPDX-License-Identifier: GPL-3.0-or-later
// The history database's tables, and the migrations that bring an older file up to date
// without losing its samples.
#include "history/historystore.h"
#include "history/historystore_p.h"

#include <QSqlQuery>
#include <QVariant>

namespace Smollama::Internal {

bool HistoryStoreWorker::createSchema(int version)
{
    const QString creating = HistoryStore::tr("creating its tables");
    // samples is clustered on its primary key (source_id, ts): that is the (source_id, ts)
    // index every query uses, stored once instead of table + index (about half the file).
    // sources.node is empty for this node's sources (they stay its own when it is renamed),
    // the node's name for sources of other nodes (version 2).
    const QString sourcesTable =
        QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, node TEXT NOT NULL DEFAULT '', "
                       "name TEXT NOT NULL, UNIQUE (node, name))");
    if (!exec(QStringLiteral("CREATE TABLE IF NOT EXISTS samples ("
                             "source_id INTEGER NOT NULL REFERENCES sources(id), "
                             "ts INTEGER NOT NULL, "
                             "value REAL NOT NULL, "
                             "PRIMARY KEY (source_id, ts)) WITHOUT ROWID"),
              creating)) {
        return false;
    }
    // recent: the samples of the last minute, in the order they came. A rowid table, so a
    // write appends to its last pages; they move into samples once a minute (version 3; a
    // file of version 2 just gets the table).
    if (!exec(QStringLiteral("CREATE TABLE IF NOT EXISTS recent ("
                             "source_id INTEGER NOT NULL REFERENCES sources(id), "
                             "ts INTEGER NOT NULL, "
                             "value REAL NOT NULL)"),
              creating)) {
        return false;
    }
    // A file of version 1 (or one without a version) may have sources without a node.
    bool exists = false;
    bool hasNode = false;
    QSqlQuery columns(m_db);
    if (!exec(QStringLiteral("PRAGMA table_info(sources)"), creating, &columns)) {
        return false;
    }
    while (columns.next()) {
        exists = true;
        hasNode = hasNode || columns.value(1).toString() == QLatin1String("node");
    }
    columns.finish();
    if (!exists) {
        return exec(sourcesTable.arg(QStringLiteral("sources")), creating);
    }
    if (hasNode) {
        return true;
    }
    // SQLite cannot change a UNIQUE constraint in place: a new table with the same ids (the
    // samples keep pointing at them), the old one's rows, then the old one goes.
    const QString migrating =
        HistoryStore::tr("bringing its tables from version %1 to %2 (adding the node of each "
                         "source)")
            .arg(version)
            .arg(HistoryStore::SchemaVersion);
    return exec(sourcesTable.arg(QStringLiteral("sources_v2")), migrating) &&
           exec(QStringLiteral("INSERT INTO sources_v2 (id, node, name) "
                               "SELECT id, '', name FROM sources"),
                migrating) &&
           exec(QStringLiteral("DROP TABLE sources"), migrating) &&
           exec(QStringLiteral("ALTER TABLE sources_v2 RENAME TO sources"), migrating);
}

} // namespace Smollama::Internal
