// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "modbusconfig.h"

#include <smollama/reading.h>

#include <QElapsedTimer>
#include <QList>
#include <QModbusDevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QModbusClient;
class QModbusDataUnit;
class QModbusReply;

namespace Smollama::Internal {

/*!
    One configured Modbus device: its connection (TCP or RTU through QtSerialBus), its poll
    timer and the latest reading of each of its registers.

    Everything is asynchronous on the thread the object lives on (the plugin instance's
    thread): a poll sends one request per batch and returns; the answers arrive as signals.
    Nothing here ever waits for the device. A poll cycle still running when the timer fires
    again is not doubled: that tick is skipped.

    A simulated device (sim: true) answers from memory in this object, through the same reply
    objects and code paths, one event-loop turn later.

    When the connection cannot be made or is lost, every register gets an error reading that
    says why, and a reconnection is tried after 0.5 s, then 1 s, 2 s, ... up to
    reconnect_max_s. A TCP connection whose device stops answering (three cycles in a row
    with nothing but timeouts) is dropped and reconnected too.
*/
class ModbusDevice : public QObject
{
    Q_OBJECT

public:
    explicit ModbusDevice(const ModbusDeviceConfig &config, QObject *parent = nullptr);
    ~ModbusDevice() override;

    const ModbusDeviceConfig &config() const { return m_config; }

    /*! A client for \a config's connection, not connected yet. */
    static std::shared_ptr<QModbusClient> createClient(const ModbusDeviceConfig &config);
    /*! Uses \a client (shared by the devices of one serial line) instead of an own one. Call
        before start(). */
    void setClient(std::shared_ptr<QModbusClient> client);

    /*! Connects and starts polling. */
    void start();
    /*! Stops polling and closes the connection. Requests still in flight are dropped
        without a word: no readingsUpdated() comes from a stopping or stopped device. */
    void stop();

    /*! True once the first poll cycle (or the first connection attempt) has finished. */
    bool firstCycleDone() const { return m_firstCycleDone; }
    /*! The latest reading of every register, in configuration order. */
    QList<Reading> latest() const { return m_latest; }
    /*! The requests planned for one poll cycle. */
    QList<ModbusBatch> batches() const { return m_batches; }
    bool isConnected() const;

    /*! Counters for diagnostics and tests. */
    int requestsSent() const { return m_requestsSent; }
    int cyclesCompleted() const { return m_cyclesCompleted; }
    int reconnects() const { return m_connections; }
    /*! Mean and latest duration of a poll cycle (first request sent to last answer), ms. */
    double meanCycleMs() const
    {
        return m_cyclesCompleted > 0 ? double(m_cycleNsTotal) / 1e6 / m_cyclesCompleted : 0;
    }
    double lastCycleMs() const { return double(m_lastCycleNs) / 1e6; }

    /*! Writes \a words to \a reg. \a done gets an empty string on success, otherwise the
        reason; it is called on this object's thread, at most once, unless the device is
        stopped or destroyed first. */
    void write(const ModbusRegister &reg, const QList<quint16> &words,
               std::function<void(const QString &error)> done);

Q_SIGNALS:
    /*! New readings of some or all registers: after each poll cycle, and when the connection
        fails. */
    void readingsUpdated(const QList<Smollama::Reading> &readings);

private:
    void connectNow();
    void onConnected();
    QModbusReply *send(const QModbusDataUnit &unit, bool write);
    QModbusReply *simulate(const QModbusDataUnit &unit, bool write);
    void onStateChanged(QModbusDevice::State state);
    void onUnconnected();
    void connectionFailed(const QString &message);
    QString notConnectedText(const QString &reason) const;
    void poll();
    void sendBatch(const ModbusBatch &batch);
    void onReply(QModbusReply *reply, const ModbusBatch &batch, quint64 cycle);
    void setBatchError(const ModbusBatch &batch, const QString &message);
    void finishCycle();
    void dropSilentConnection(int connection);
    void track(QModbusReply *reply);
    void releaseReplies();
    QString exceptionText(int code, const ModbusRegister &reg) const;
    QString timeoutText() const;

    ModbusDeviceConfig m_config;
    QList<ModbusBatch> m_batches;
    std::shared_ptr<QModbusClient> m_client;
    // Replies sent by this device and not finished yet (owned by the client).
    QList<QPointer<QModbusReply>> m_replies;
    QTimer m_pollTimer;
    QTimer m_reconnectTimer;
    QTimer m_connectTimer;
    int m_backoffMs = 500;
    bool m_wasConnected = false;
    bool m_stopping = false;
    QString m_dropReason; // why we closed the connection ourselves

    quint64 m_cycle = 0;
    bool m_cycleActive = false;
    int m_pending = 0;
    int m_cycleRequests = 0;
    int m_cycleTimeouts = 0;
    int m_silentCycles = 0;
    QHash<int, Reading> m_cycleReadings;
    QElapsedTimer m_cycleTimer;
    qint64 m_cycleNsTotal = 0;
    qint64 m_lastCycleNs = 0;

    // A simulated device's memory: per table (ModbusTable as index), address -> word.
    QHash<int, quint16> m_simMemory[4];
    bool m_simConnected = false;

    QList<Reading> m_latest;
    bool m_firstCycleDone = false;
    int m_requestsSent = 0;
    int m_cyclesCompleted = 0;
    int m_connections = 0;
};

} // namespace Smollama::Internal
