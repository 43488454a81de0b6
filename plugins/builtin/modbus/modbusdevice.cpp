// SPDX-License-Identifier: GPL-3.0-or-later
#include "modbusdevice.h"

#include "modbuslog.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QModbusDataUnit>
#include <QModbusPdu>
#include <QModbusReply>
#include <QModbusRtuSerialClient>
#include <QModbusTcpClient>
#include <QPointer>
#include <QSerialPort>

#include <algorithm>
#include <utility>

namespace Smollama::Internal {

namespace {

// The exception code of a refused request: the first data byte of the exception response, or
// 0xff (extended exception) when there is none. QModbusPdu::exceptionCode() is not used: it reads
// the function code through an enum that cannot hold 0x80 + code, which
// UndefinedBehaviorSanitizer reports as an invalid enum load (make test-asan).
int exceptionCodeOf(const QModbusReply *reply)
{
    const QByteArray data = reply->rawResult().data();
    return data.isEmpty() ? 0xff : int(quint8(data.at(0)));
}

// The translation context of the Modbus plugin's messages (docs/translations.md).
class ModbusDeviceTr
{
    Q_DECLARE_TR_FUNCTIONS(ModbusPlugin)
};

constexpr int s_firstBackoffMs = 500;
// Cycles in a row with nothing but timeouts before a TCP connection is dropped and made anew.
constexpr int s_silentCyclesBeforeReconnect = 3;

QModbusDataUnit::RegisterType registerType(ModbusTable table)
{
    switch (table) {
    case ModbusTable::Holding:
        return QModbusDataUnit::HoldingRegisters;
    case ModbusTable::Input:
        return QModbusDataUnit::InputRegisters;
    case ModbusTable::Coil:
        return QModbusDataUnit::Coils;
    case ModbusTable::Discrete:
        return QModbusDataUnit::DiscreteInputs;
    }
    return QModbusDataUnit::Invalid;
}

QString secondsText(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
}

} // namespace

ModbusDevice::ModbusDevice(const ModbusDeviceConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_batches(ModbusConfig::planBatches(config))
    , m_pollTimer(this)
    , m_reconnectTimer(this)
    , m_connectTimer(this)
{
    for (const ModbusRegister &reg : std::as_const(m_config.registers)) {
        m_latest.append(
            Reading::error(reg.sourceId,
                           ModbusDeviceTr::tr("waiting for the first answer from %1 (%2)")
                               .arg(m_config.name, m_config.endpoint()),
                           reg.unit));
    }
    m_pollTimer.setInterval(m_config.intervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ModbusDevice::poll);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ModbusDevice::connectNow);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(m_config.timeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_client && m_client->state() == QModbusDevice::ConnectingState) {
            m_dropReason = ModbusDeviceTr::tr("no answer from %1 within %2 ms while connecting")
                               .arg(m_config.name)
                               .arg(m_config.timeoutMs);
            m_client->disconnectDevice();
        }
    });
}

ModbusDevice::~ModbusDevice()
{
    stop();
}

bool ModbusDevice::isConnected() const
{
    if (m_config.sim) {
        return m_simConnected;
    }
    return m_client && m_client->state() == QModbusDevice::ConnectedState;
}

std::shared_ptr<QModbusClient> ModbusDevice::createClient(const ModbusDeviceConfig &config)
{
    std::shared_ptr<QModbusClient> client;
    if (config.tcp) {
        client = std::make_shared<QModbusTcpClient>();
        client->setConnectionParameter(QModbusDevice::NetworkAddressParameter, config.host);
        client->setConnectionParameter(QModbusDevice::NetworkPortParameter, config.port);
    } else {
        client = std::make_shared<QModbusRtuSerialClient>();
        client->setConnectionParameter(QModbusDevice::SerialPortNameParameter, config.serialPort);
        client->setConnectionParameter(QModbusDevice::SerialBaudRateParameter, config.baud);
        const QSerialPort::Parity parity =
            config.parity == QLatin1String("even")  ? QSerialPort::EvenParity
            : config.parity == QLatin1String("odd") ? QSerialPort::OddParity
                                                    : QSerialPort::NoParity;
        client->setConnectionParameter(QModbusDevice::SerialParityParameter, parity);
        client->setConnectionParameter(QModbusDevice::SerialDataBitsParameter,
                                       config.dataBits == 7 ? QSerialPort::Data7
                                                            : QSerialPort::Data8);
        client->setConnectionParameter(QModbusDevice::SerialStopBitsParameter,
                                       config.stopBits == 2 ? QSerialPort::TwoStop
                                                            : QSerialPort::OneStop);
    }
    // One attempt per request: "no answer within timeout_ms" then means exactly that.
    client->setTimeout(config.timeoutMs);
    client->setNumberOfRetries(0);
    return client;
}

void ModbusDevice::setClient(std::shared_ptr<QModbusClient> client)
{
    m_client = std::move(client);
}

void ModbusDevice::start()
{
    m_stopping = false;
    if (m_config.sim) {
        // Every address of a planned request exists (0 / off), the registers hold sim_value.
        for (const ModbusBatch &batch : std::as_const(m_batches)) {
            for (int a = batch.start; a < batch.start + batch.count; ++a) {
                m_simMemory[int(batch.table)].insert(a, 0);
            }
        }
        for (const ModbusRegister &reg : std::as_const(m_config.registers)) {
            QList<quint16> words;
            if (!reg.simValue.isUndefined() &&
                ModbusConfig::encode(reg, reg.simValue, &words).isOk()) {
                for (int i = 0; i < words.size(); ++i) {
                    m_simMemory[int(reg.table)].insert(reg.address + i, words.at(i));
                }
            }
        }
        m_simConnected = true;
        m_pollTimer.start();
        onConnected();
        return;
    }
    if (!m_client) {
        m_client = createClient(m_config);
    }
    connect(m_client.get(), &QModbusDevice::stateChanged, this, &ModbusDevice::onStateChanged);
    m_pollTimer.start();
    connectNow();
}

void ModbusDevice::stop()
{
    m_stopping = true;
    m_simConnected = false;
    // Forget the cycle and the replies in flight before the connection is closed: closing it
    // makes the client abort them at once (their finished() is emitted from inside
    // disconnectDevice()), and a stopping device must not turn that into readings. The
    // instance is being torn down and the context the readings would go to may be going away
    // with it.
    m_cycleActive = false;
    m_pending = 0;
    m_cycleReadings.clear();
    m_pollTimer.stop();
    m_reconnectTimer.stop();
    m_connectTimer.stop();
    releaseReplies();
    if (m_client) {
        disconnect(m_client.get(), nullptr, this, nullptr);
        // A serial line shared with other devices stays open until its last device stops.
        if (m_client.use_count() == 1) {
            m_client->disconnectDevice();
        }
        m_client.reset();
    }
}

void ModbusDevice::track(QModbusReply *reply)
{
    m_replies.removeAll(QPointer<QModbusReply>());
    m_replies.append(reply);
}

void ModbusDevice::releaseReplies()
{
    const QList<QPointer<QModbusReply>> replies = std::exchange(m_replies, {});
    for (const QPointer<QModbusReply> &reply : replies) {
        if (!reply) {
            continue;
        }
        // No answer reaches this device any more; the reply frees itself once it has ended
        // (or goes with its client, whichever comes first).
        disconnect(reply.data(), nullptr, this, nullptr);
        if (reply->isFinished()) {
            reply->deleteLater();
        } else {
            connect(reply.data(), &QModbusReply::finished, reply.data(), &QObject::deleteLater);
        }
    }
}

void ModbusDevice::connectNow()
{
    if (!m_client || m_stopping) {
        return;
    }
    if (m_client->state() == QModbusDevice::ConnectedState && !m_wasConnected) {
        onConnected(); // another device on the same serial line opened it
        return;
    }
    if (m_client->state() != QModbusDevice::UnconnectedState) {
        return;
    }
    m_dropReason.clear();
    qCDebug(lcModbus).noquote() << m_config.name << "connecting to" << m_config.endpoint();
    if (!m_client->connectDevice()) {
        // A serial port that cannot be opened fails at once, without a state change.
        if (m_client->state() == QModbusDevice::UnconnectedState) {
            connectionFailed(notConnectedText(m_client->errorString()));
        }
        return;
    }
    if (m_client->state() == QModbusDevice::ConnectingState) {
        m_connectTimer.start();
    }
}

void ModbusDevice::onStateChanged(QModbusDevice::State state)
{
    if (m_stopping) {
        return;
    }
    if (state == QModbusDevice::ConnectedState) {
        onConnected();
        return;
    }
    if (state != QModbusDevice::UnconnectedState) {
        return;
    }
    m_connectTimer.stop();
    // QtSerialBus may announce the state before the error that caused it: read the reason
    // once both have arrived.
    QTimer::singleShot(0, this, &ModbusDevice::onUnconnected);
}

void ModbusDevice::onUnconnected()
{
    if (m_stopping || !m_client || m_client->state() != QModbusDevice::UnconnectedState) {
        return;
    }
    QString reason = m_dropReason;
    if (reason.isEmpty()) {
        reason = m_client->errorString();
    }
    while (reason.endsWith(QLatin1Char('.'))) {
        reason.chop(1);
    }
    if (reason.isEmpty()) {
        reason = ModbusDeviceTr::tr("closed by the other side");
    }
    if (m_wasConnected) {
        m_wasConnected = false;
        connectionFailed(ModbusDeviceTr::tr("connection to %1 (%2) lost: %3")
                             .arg(m_config.name, m_config.endpoint(), reason));
    } else {
        connectionFailed(notConnectedText(reason));
    }
}

void ModbusDevice::onConnected()
{
    m_connectTimer.stop();
    m_reconnectTimer.stop();
    m_backoffMs = s_firstBackoffMs;
    m_wasConnected = true;
    m_silentCycles = 0;
    ++m_connections;
    qCInfo(lcModbus).noquote() << m_config.name << "connected to" << m_config.endpoint();
    poll();
}

QModbusReply *ModbusDevice::send(const QModbusDataUnit &unit, bool write)
{
    if (m_config.sim) {
        return simulate(unit, write);
    }
    return write ? m_client->sendWriteRequest(unit, m_config.unitId)
                 : m_client->sendReadRequest(unit, m_config.unitId);
}

QModbusReply *ModbusDevice::simulate(const QModbusDataUnit &unit, bool write)
{
    ModbusTable table = ModbusTable::Holding;
    switch (unit.registerType()) {
    case QModbusDataUnit::Coils:
        table = ModbusTable::Coil;
        break;
    case QModbusDataUnit::DiscreteInputs:
        table = ModbusTable::Discrete;
        break;
    case QModbusDataUnit::InputRegisters:
        table = ModbusTable::Input;
        break;
    default:
        break;
    }
    QHash<int, quint16> &memory = m_simMemory[int(table)];
    QModbusDataUnit result = unit;
    bool known = true;
    for (int i = 0; i < int(unit.valueCount()); ++i) {
        const int address = unit.startAddress() + i;
        if (!memory.contains(address)) {
            known = false;
        } else if (write) {
            memory.insert(address, unit.value(i));
        } else {
            result.setValue(i, memory.value(address));
        }
    }
    QModbusPdu::FunctionCode function = QModbusPdu::ReadHoldingRegisters;
    switch (table) {
    case ModbusTable::Coil:
        function = !write                   ? QModbusPdu::ReadCoils
                   : unit.valueCount() == 1 ? QModbusPdu::WriteSingleCoil
                                            : QModbusPdu::WriteMultipleCoils;
        break;
    case ModbusTable::Discrete:
        function = QModbusPdu::ReadDiscreteInputs;
        break;
    case ModbusTable::Input:
        function = QModbusPdu::ReadInputRegisters;
        break;
    case ModbusTable::Holding:
        function = !write                   ? QModbusPdu::ReadHoldingRegisters
                   : unit.valueCount() == 1 ? QModbusPdu::WriteSingleRegister
                                            : QModbusPdu::WriteMultipleRegisters;
        break;
    }
    auto *reply = new QModbusReply(QModbusReply::Common, m_config.unitId, this);
    // Answered on the next event-loop turn, as a real device answers later.
    QTimer::singleShot(0, reply, [reply, result, known, function] {
        if (known) {
            reply->setResult(result);
            reply->setFinished(true);
        } else {
            reply->setRawResult(
                QModbusExceptionResponse(function, QModbusExceptionResponse::IllegalDataAddress));
            reply->setError(QModbusDevice::ProtocolError, QStringLiteral("illegal data address"));
        }
    });
    return reply;
}

QString ModbusDevice::notConnectedText(const QString &reason) const
{
    if (m_config.tcp) {
        return ModbusDeviceTr::tr("cannot connect to %1 at %2: %3")
            .arg(m_config.name, m_config.endpoint(), reason);
    }
    return ModbusDeviceTr::tr("cannot open the serial port %1 for %2: %3")
        .arg(m_config.endpoint(), m_config.name, reason);
}

void ModbusDevice::connectionFailed(const QString &message)
{
    if (m_stopping || m_reconnectTimer.isActive()) {
        return;
    }
    // The cycle in flight is abandoned; its late answers are ignored by their cycle number.
    m_cycleActive = false;
    m_pending = 0;
    const int wait = m_backoffMs;
    m_backoffMs = std::min(m_backoffMs * 2, m_config.reconnectMaxMs);
    const QString text = QStringLiteral("%1; retrying in %2").arg(message, secondsText(wait));
    qCWarning(lcModbus).noquote() << text;
    QList<Reading> readings;
    for (int i = 0; i < m_config.registers.size(); ++i) {
        const ModbusRegister &reg = m_config.registers.at(i);
        m_latest[i] = Reading::error(reg.sourceId, text, reg.unit);
        readings.append(m_latest.at(i));
    }
    m_firstCycleDone = true;
    m_reconnectTimer.start(wait);
    Q_EMIT readingsUpdated(readings);
}

void ModbusDevice::poll()
{
    if (!isConnected() || m_cycleActive) {
        return;
    }
    ++m_cycle;
    m_cycleActive = true;
    m_cycleTimer.start();
    m_pending = 0;
    m_cycleRequests = 0;
    m_cycleTimeouts = 0;
    m_cycleReadings.clear();
    const QList<ModbusBatch> batches = m_batches;
    for (const ModbusBatch &batch : batches) {
        sendBatch(batch);
        if (!m_cycleActive) {
            return; // the connection failed while sending
        }
    }
    if (m_pending == 0) {
        finishCycle();
    }
}

void ModbusDevice::sendBatch(const ModbusBatch &batch)
{
    const QModbusDataUnit unit(registerType(batch.table), batch.start, quint16(batch.count));
    QModbusReply *reply = send(unit, false);
    ++m_requestsSent;
    ++m_cycleRequests;
    if (!reply) {
        setBatchError(batch, QStringLiteral("%1: the request could not be sent: %2")
                                 .arg(m_config.name, m_client->errorString()));
        return;
    }
    ++m_pending;
    const quint64 cycle = m_cycle;
    if (reply->isFinished()) {
        onReply(reply, batch, cycle);
        return;
    }
    track(reply);
    // Single shot: a reply announces its end once, however it ended.
    connect(
        reply, &QModbusReply::finished, this,
        [this, reply, batch, cycle] { onReply(reply, batch, cycle); }, Qt::SingleShotConnection);
}

QString ModbusDevice::exceptionText(int code, const ModbusRegister &reg) const
{
    const QString where = QStringLiteral("%1 (%2 %3 of %4)")
                              .arg(ModbusConfig::registerNumber(reg.table, reg.address),
                                   ModbusConfig::tableName(reg.table))
                              .arg(reg.address)
                              .arg(m_config.name);
    switch (code) {
    case 0x02:
        return ModbusDeviceTr::tr("illegal data address %1: the device has no such register; "
                                  "check the address (0-based) and table in its manual")
            .arg(where);
    case 0x01:
        return ModbusDeviceTr::tr("illegal function for %1: the device does not support reading "
                                  "this table")
            .arg(where);
    default:
        return QStringLiteral("%1 at %2").arg(ModbusConfig::exceptionName(code), where);
    }
}

QString ModbusDevice::timeoutText() const
{
    return ModbusDeviceTr::tr("no answer from %1 within %2 ms")
        .arg(m_config.name)
        .arg(m_config.timeoutMs);
}

void ModbusDevice::setBatchError(const ModbusBatch &batch, const QString &message)
{
    for (int index : batch.registers) {
        const ModbusRegister &reg = m_config.registers.at(index);
        m_cycleReadings.insert(index, Reading::error(reg.sourceId, message, reg.unit));
    }
}

void ModbusDevice::onReply(QModbusReply *reply, const ModbusBatch &batch, quint64 cycle)
{
    m_replies.removeAll(reply);
    reply->deleteLater();
    if (m_stopping || cycle != m_cycle || !m_cycleActive) {
        return; // an answer of an abandoned cycle
    }
    --m_pending;
    const QModbusDevice::Error error = reply->error();
    if (error == QModbusDevice::NoError) {
        const QModbusDataUnit unit = reply->result();
        const QList<quint16> values = unit.values();
        for (int index : batch.registers) {
            const ModbusRegister &reg = m_config.registers.at(index);
            const int offset = reg.address - int(unit.startAddress());
            if (offset < 0 || offset + reg.width() > values.size()) {
                m_cycleReadings.insert(
                    index, Reading::error(reg.sourceId,
                                          ModbusDeviceTr::tr("%1 answered with %2 values instead "
                                                             "of %3")
                                              .arg(m_config.name)
                                              .arg(values.size())
                                              .arg(batch.count),
                                          reg.unit));
                continue;
            }
            const QVariant value = ModbusConfig::decode(reg, values.constData() + offset);
            if (!value.isValid()) {
                m_cycleReadings.insert(
                    index, Reading::error(reg.sourceId,
                                          ModbusDeviceTr::tr("%1 reports no value (not a number) "
                                                             "at %2")
                                              .arg(m_config.name, ModbusConfig::registerNumber(
                                                                      reg.table, reg.address)),
                                          reg.unit));
                continue;
            }
            m_cycleReadings.insert(index, Reading(reg.sourceId, value, reg.unit));
        }
    } else if (error == QModbusDevice::ProtocolError) {
        const int code = exceptionCodeOf(reply);
        if ((code == 0x02 || code == 0x03) && batch.registers.size() > 1) {
            // The merged request spans an address the device lacks (a gap, or one wrong
            // register). Read these registers one by one from now on, so the good ones still
            // read and the bad one is named.
            qCInfo(lcModbus).noquote()
                << QStringLiteral("%1 refused a merged read of %2 %3s from address %4 (%5); "
                                  "reading them one by one")
                       .arg(m_config.name)
                       .arg(batch.count)
                       .arg(ModbusConfig::tableName(batch.table))
                       .arg(batch.start)
                       .arg(ModbusConfig::exceptionName(code));
            QList<ModbusBatch> singles;
            for (int index : batch.registers) {
                const ModbusRegister &reg = m_config.registers.at(index);
                ModbusBatch single;
                single.table = batch.table;
                single.start = reg.address;
                single.count = reg.width();
                single.registers = {index};
                singles.append(single);
            }
            for (int i = 0; i < m_batches.size(); ++i) {
                const ModbusBatch &b = m_batches.at(i);
                if (b.table == batch.table && b.start == batch.start && b.count == batch.count) {
                    m_batches.remove(i);
                    for (int k = singles.size() - 1; k >= 0; --k) {
                        m_batches.insert(i, singles.at(k));
                    }
                    break;
                }
            }
            for (const ModbusBatch &single : std::as_const(singles)) {
                sendBatch(single);
                if (!m_cycleActive) {
                    return;
                }
            }
        } else {
            for (int index : batch.registers) {
                const ModbusRegister &reg = m_config.registers.at(index);
                m_cycleReadings.insert(
                    index, Reading::error(reg.sourceId, exceptionText(code, reg), reg.unit));
            }
        }
    } else if (error == QModbusDevice::TimeoutError) {
        ++m_cycleTimeouts;
        setBatchError(batch, timeoutText());
    } else {
        setBatchError(
            batch,
            ModbusDeviceTr::tr("reading %1 failed: %2").arg(m_config.name, reply->errorString()));
    }
    if (m_pending == 0 && m_cycleActive) {
        finishCycle();
    }
}

void ModbusDevice::finishCycle()
{
    m_cycleActive = false;
    m_lastCycleNs = m_cycleTimer.nsecsElapsed();
    m_cycleNsTotal += m_lastCycleNs;
    ++m_cyclesCompleted;
    m_firstCycleDone = true;
    QList<Reading> readings;
    for (auto it = m_cycleReadings.constBegin(); it != m_cycleReadings.constEnd(); ++it) {
        m_latest[it.key()] = it.value();
    }
    for (int i = 0; i < m_config.registers.size(); ++i) {
        if (m_cycleReadings.contains(i)) {
            readings.append(m_latest.at(i));
        }
    }
    m_cycleReadings.clear();
    if (m_cycleRequests > 0 && m_cycleTimeouts == m_cycleRequests) {
        ++m_silentCycles;
    } else {
        m_silentCycles = 0;
    }
    Q_EMIT readingsUpdated(readings);
    if (m_config.tcp && m_silentCycles >= s_silentCyclesBeforeReconnect && isConnected()) {
        // A half-open connection (the device rebooted, a cable was pulled) never closes by
        // itself; make a new one. Not from here: this runs inside the finished() signal of the
        // client's last reply, emitted by the client's own timeout handler, and closing the
        // client there tears its request bookkeeping down under that handler's feet.
        m_silentCycles = 0;
        const int connection = m_connections;
        QTimer::singleShot(0, this, [this, connection] { dropSilentConnection(connection); });
    }
}

void ModbusDevice::dropSilentConnection(int connection)
{
    // Only the connection that stayed silent: not one made anew or closed meanwhile.
    if (m_stopping || connection != m_connections || !isConnected()) {
        return;
    }
    m_dropReason =
        ModbusDeviceTr::tr("no answer to %1 polls in a row").arg(s_silentCyclesBeforeReconnect);
    m_client->disconnectDevice();
}

void ModbusDevice::write(const ModbusRegister &reg, const QList<quint16> &words,
                         std::function<void(const QString &error)> done)
{
    if (!isConnected()) {
        const Reading current = m_latest.value(reg.index);
        done(ModbusDeviceTr::tr("%1 is not connected (%2)")
                 .arg(m_config.name, current.message().isEmpty() ? ModbusDeviceTr::tr("connecting")
                                                                 : current.message()));
        return;
    }
    const QModbusDataUnit unit(registerType(reg.table), reg.address, words);
    QModbusReply *reply = send(unit, true);
    ++m_requestsSent;
    if (!reply) {
        done(ModbusDeviceTr::tr("the write to %1 could not be sent: %2")
                 .arg(m_config.name, m_client->errorString()));
        return;
    }
    auto finish = [this, reply, reg, done] {
        m_replies.removeAll(reply);
        reply->deleteLater();
        QString error;
        switch (reply->error()) {
        case QModbusDevice::NoError:
            break;
        case QModbusDevice::ProtocolError:
            error = ModbusDeviceTr::tr("%1 refused the write: %2")
                        .arg(m_config.name, exceptionText(exceptionCodeOf(reply), reg));
            break;
        case QModbusDevice::TimeoutError:
            error = timeoutText();
            break;
        default:
            error = ModbusDeviceTr::tr("writing to %1 failed: %2")
                        .arg(m_config.name, reply->errorString());
            break;
        }
        done(error);
        if (error.isEmpty()) {
            // Show what the device holds now, not at the next tick.
            QTimer::singleShot(0, this, &ModbusDevice::poll);
        }
    };
    if (reply->isFinished()) {
        finish();
        return;
    }
    track(reply);
    connect(reply, &QModbusReply::finished, this, finish, Qt::SingleShotConnection);
}

} // namespace Smollama::Internal
