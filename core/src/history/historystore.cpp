// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historystore.h"
#include "history/historylog.h"
#include "history/historystore_p.h"
#include "history/readinghistory.h"
#include "util/statepaths.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <future>

Q_LOGGING_CATEGORY(lcHistoryStore, "smollama.history.store")

namespace Smollama {

HistoryStore::Options HistoryStore::Options::fromConfig(const QJsonObject &historySection)
{
    Options options;
    const QJsonValue database = historySection.value(QLatin1String("database"));
    if (database.isString() && !database.toString().isEmpty()) {
        options.databasePath = database.toString();
    }
    const QJsonValue retention = historySection.value(QLatin1String("retention_days"));
    if (retention.isDouble()) {
        options.retentionDays = std::max(0.0, retention.toDouble());
    }
    const QJsonValue persist = historySection.value(QLatin1String("persist"));
    if (persist.isBool()) {
        options.persist = persist.toBool();
    }
    return options;
}

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<Internal::HistoryStoreState>())
{
}

HistoryStore::~HistoryStore()
{
    close();
}

template<typename T, typename F>
std::optional<T> HistoryStore::callOnWorker(F &&function, int timeoutMs)
{
    if (!m_worker) {
        return std::nullopt;
    }
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> future = promise->get_future();
    const bool posted = QMetaObject::invokeMethod(
        m_worker.get(),
        [promise, function = std::forward<F>(function)]() mutable {
            promise->set_value(function());
        },
        Qt::QueuedConnection);
    if (!posted) {
        return std::nullopt;
    }
    if (timeoutMs < 0) {
        future.wait();
    } else if (future.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready) {
        return std::nullopt;
    }
    try {
        return future.get();
    } catch (const std::future_error &) {
        return std::nullopt; // the worker went away without running it
    }
}

bool HistoryStore::open(const Options &options)
{
    close();
    m_options = options;
    m_path = StatePaths::resolve(options.databasePath.isEmpty() ? StatePaths::historyDatabase()
                                                                : options.databasePath);
    {
        QMutexLocker locker(&m_state->mutex);
        m_state->pending.clear();
        m_state->errorString.clear();
        m_state->flushPosted = false;
        m_state->warnedDropping = false;
        m_state->dropped = 0;
        m_state->flushThreshold = std::max(1, options.flushThreshold);
        m_state->maxPendingRows = std::max(1, options.maxPendingRows);
    }
    m_state->cancel.store(false);
    if (!options.persist) {
        QMutexLocker locker(&m_state->mutex);
        m_state->errorString = tr("Persistence is off (history.persist is false): the readings "
                                  "history is kept in memory only.");
        return false;
    }

    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("smollama-history"));
    m_worker = std::make_unique<Internal::HistoryStoreWorker>(this, m_state.get(), options, m_path);
    m_worker->moveToThread(m_thread.get());
    m_thread->start(QThread::LowPriority);

    Internal::HistoryStoreWorker *worker = m_worker.get();
    const bool ok = callOnWorker<bool>([worker]() { return worker->open(); }, -1).value_or(false);
    if (!ok) {
        stopWorker();
    }
    return ok;
}

bool HistoryStore::open()
{
    return open(Options());
}

void HistoryStore::close()
{
    {
        QMutexLocker locker(&m_state->mutex);
        m_state->accepting = false;
        m_state->worker = nullptr;
    }
    m_state->available.store(false);
    m_state->cancel.store(true);
    stopWorker();
}

void HistoryStore::stopWorker()
{
    if (!m_thread) {
        return;
    }
    Internal::HistoryStoreWorker *worker = m_worker.get();
    QThread *target = QThread::currentThread();
    callOnWorker<bool>(
        [worker, target]() {
            worker->shutdown(target);
            return true;
        },
        -1);
    m_thread->quit();
    m_thread->wait();
    m_worker.reset();
    m_thread.reset();
    QMutexLocker locker(&m_state->mutex);
    m_state->pending.clear();
}

bool HistoryStore::isAvailable() const
{
    return m_state->available.load();
}

QString HistoryStore::errorString() const
{
    QMutexLocker locker(&m_state->mutex);
    return m_state->errorString;
}

QString HistoryStore::databasePath() const
{
    return m_path;
}

void HistoryStore::enqueue(const Reading &reading)
{
    if (!m_state->available.load(std::memory_order_relaxed) || !reading.isValid()) {
        return;
    }
    const std::optional<double> value = ReadingHistory::numericValue(reading);
    if (!value || !reading.timestamp().isValid()) {
        return;
    }
    const QString node = reading.node() == m_options.localNode ? QString() : reading.node();
    enqueueSample(node, reading.source(), reading.timestamp().toMSecsSinceEpoch(), *value);
}

void HistoryStore::enqueuePoint(const QString &source, qint64 timestampMs, double value)
{
    enqueueSample(QString(), source, timestampMs, value);
}

void HistoryStore::enqueueSample(const QString &node, const QString &source, qint64 timestampMs,
                                 double value)
{
    if (!m_state->available.load(std::memory_order_relaxed) || source.isEmpty() ||
        !std::isfinite(value)) {
        return;
    }
    QMutexLocker locker(&m_state->mutex);
    Internal::HistoryStoreState &state = *m_state;
    if (!state.accepting) {
        return;
    }
    if (state.pending.size() >= state.maxPendingRows) {
        ++state.dropped;
        if (!state.warnedDropping) {
            state.warnedDropping = true;
            qCWarning(lcHistoryStore,
                      "Writing the readings history to %s falls behind (%d rows waiting); new "
                      "rows are dropped until it catches up. A slow or full disk causes this.",
                      qUtf8Printable(m_path), int(state.pending.size()));
        }
        return;
    }
    state.pending.append(Internal::PendingSample{node, source, timestampMs, value});
    if (state.pending.size() >= state.flushThreshold && !state.flushPosted && state.worker) {
        state.flushPosted = true;
        Internal::HistoryStoreWorker *worker = state.worker;
        QMetaObject::invokeMethod(
            worker, [worker]() { worker->writePending(); }, Qt::QueuedConnection);
    }
}

int HistoryStore::pendingCount() const
{
    QMutexLocker locker(&m_state->mutex);
    return int(m_state->pending.size());
}

bool HistoryStore::flush(int timeoutMs)
{
    if (!isAvailable()) {
        return false;
    }
    Internal::HistoryStoreWorker *worker = m_worker.get();
    return callOnWorker<bool>([worker]() { return worker->writeAll(); }, timeoutMs).value_or(false);
}

qint64 HistoryStore::loadInto(ReadingHistory &history, qint64 sinceMs)
{
    if (!isAvailable()) {
        return -1;
    }
    Internal::HistoryStoreWorker *worker = m_worker.get();
    return callOnWorker<qint64>(
               [worker, &history, sinceMs]() { return worker->loadInto(history, sinceMs); }, -1)
        .value_or(-1);
}

bool HistoryStore::readSamples(const QString &node, const QString &source, qint64 fromMs,
                               qint64 toMs, const std::function<void(qint64, double)> &sample)
{
    if (!isAvailable()) {
        return false;
    }
    const QString stored = node == m_options.localNode ? QString() : node;
    Internal::HistoryStoreWorker *worker = m_worker.get();
    // Waits without a timeout, as loadInto() does: \a sample must not run after this returns,
    // and the worker never blocks for long (SQLite's busy timeout bounds it).
    return callOnWorker<bool>(
               [worker, &stored, &source, fromMs, toMs, &sample]() {
                   return worker->readSamples(stored, source, fromMs, toMs, sample);
               },
               -1)
        .value_or(false);
}

} // namespace Smollama
