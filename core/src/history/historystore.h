// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historyarchive.h"

#include <smollama/reading.h>

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Smollama {

class ReadingHistory;

namespace Internal {
class HistoryStoreWorker;
struct HistoryStoreState;
} // namespace Internal

/*!
    Keeps the readings history in a SQLite file (history.database, by default readings.db in
    the state folder: StatePaths::historyDatabase()) so sparklines survive a restart.

    All database work runs on the store's own thread with its own connection. enqueue() may be
    called from any thread and only appends to a buffer; the buffer is written in one
    transaction every Options::flushIntervalMs or when it holds Options::flushThreshold rows,
    appended to the table recent: a few pages however many sources there are. Every
    Options::moveIntervalMs recent moves into samples, which is clustered by source and time,
    so each source's pages are written once a minute instead of once a second.
    Samples older than history.retention_days are deleted at open; then each move also
    deletes, in the same transaction, what has expired of the sources it moves (a bounded
    batch per source, so the file stays at the size retention gives it), and a full pass every
    hundredth of the retention (at least a second, at most Options::retentionIntervalMs) takes
    the sources that went quiet.
    As the ReadingHistory's archive it answers queries of sources of other nodes that reach
    beyond their short memory tiers.

    A damaged or locked database never stops smollama: open() returns false, isAvailable() is
    false, errorString() says what failed, where and what to do (logged once), and enqueue()
    does nothing. A write that fails later is reported the same way (errorOccurred()).

    Lives in the static library smollama-storage (Smollama::Storage) so the core library needs
    no Qt Sql.
*/
class HistoryStore : public QObject, public HistoryArchive
{
    Q_OBJECT

public:
    struct Options
    {
        QString databasePath;     //!< Empty: StatePaths::historyDatabase(). "~" is the home folder.
        double retentionDays = 7; //!< Older samples are deleted; 0 keeps everything.
        bool persist = true;      //!< false: open() does nothing (memory-only history).
        int flushIntervalMs = 1000; //!< How often the buffer is written (to recent).
        //! How often the samples in recent move into samples (also at flush(), loadInto(),
        //! retention passes and close()).
        int moveIntervalMs = 60 * 1000;
        qint64 moveThreshold = 100000; //!< recent holding this many rows moves at once.
        int flushThreshold = 1000;     //!< A buffer this full is written at once.
        int maxPendingRows = 100000;   //!< Beyond this (disk too slow), new rows are dropped.
        int busyTimeoutMs = 2000;      //!< How long to wait for a lock held by someone else.
        //! The longest time between two full retention passes after open (shorter with a
        //! short retention: a hundredth of it).
        qint64 retentionIntervalMs = 60 * 60 * 1000;
        /*! The current time in milliseconds since the epoch, which retention measures ages
            against; called on the store's thread. Empty: the system clock (tests set one). */
        std::function<qint64()> clock;
        /*! This node's name: its readings are stored without a node (so they stay this node's
            if it is renamed), other nodes' readings with theirs. */
        QString localNode;

        /*! The options of the "history" section of the configuration (database,
            retention_days, persist); missing keys keep their defaults. */
        static Options fromConfig(const QJsonObject &historySection);
    };

    explicit HistoryStore(QObject *parent = nullptr);
    /*! Writes what is pending and closes (see close()). */
    ~HistoryStore() override;

    /*! Opens (creating when needed) the database of \a options, checks it (PRAGMA
        quick_check), sets WAL mode and the schema, then starts the periodic flush and
        retention. Blocks until the database is usable or known not to be (at most about
        busyTimeoutMs plus the check of the file). Returns isAvailable(). */
    bool open(const Options &options);
    /*! Opens the default database (StatePaths::historyDatabase()) with default options. */
    bool open();
    /*! Writes pending rows (bounded by busyTimeoutMs), closes the database and stops the
        thread. Safe to call twice. */
    void close();

    /*! True while the database is open and writable. */
    bool isAvailable() const;
    /*! Why the store is not available: what failed, the file, and what to do. */
    QString errorString() const;
    /*! The expanded, absolute path of the database given to open(). */
    QString databasePath() const;

    /*! Queues \a reading for writing if it has a ReadingHistory::numericValue(). Cheap,
        thread-safe; does nothing while the store is not available. */
    void enqueue(const Reading &reading);
    /*! Queues one sample; the same as enqueue(). */
    void enqueuePoint(const QString &source, qint64 timestampMs, double value);
    /*! Rows queued and not yet written. */
    int pendingCount() const;

    /*! Writes every queued row now, moves the samples of recent into samples and waits up
        to \a timeoutMs for it (used at shutdown). True when they are on disk. */
    bool flush(int timeoutMs = 5000);
    /*! Fills \a history with the samples newer than \a sinceMs (pending rows included),
        source by source in time order. Blocks until done; returns the number of samples
        loaded, or -1 when the store is not available or reading failed. */
    qint64 loadInto(ReadingHistory &history, qint64 sinceMs);
    /*! HistoryArchive: the samples of \a source of \a node (empty or Options::localNode: this
        node) in [fromMs, toMs], read on the store's thread while the caller waits. Rows still
        queued are not seen (they are at most about a second old). False when the store is not
        available or reading failed. */
    bool readSamples(const QString &node, const QString &source, qint64 fromMs, qint64 toMs,
                     const std::function<void(qint64, double)> &sample) override;

    /*! 2: sources have a node (empty for this node); a version 1 file is migrated at open.
        3: the samples of the last minute wait in the table recent. */
    static constexpr int SchemaVersion = 3;

Q_SIGNALS:
    /*! \a rows were written in one transaction. */
    void flushed(int rows);
    /*! A retention pass deleted \a rows samples. */
    void retentionApplied(qint64 rows);
    /*! The store stopped being available; \a message is errorString(). Not emitted when
        open() fails (it returns false). */
    void errorOccurred(const QString &message);

private:
    template<typename T, typename F>
    std::optional<T> callOnWorker(F &&function, int timeoutMs);
    void stopWorker();
    void enqueueSample(const QString &node, const QString &source, qint64 timestampMs,
                       double value);

    Options m_options;
    QString m_path;
    std::unique_ptr<Internal::HistoryStoreState> m_state;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<Internal::HistoryStoreWorker> m_worker;
};

} // namespace Smollama
