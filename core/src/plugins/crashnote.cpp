// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashnote.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMutex>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace Smollama {

class CrashNote::Subject
{
public:
    QByteArray jsonName; //!< the instance name as a JSON string, quotes included
};

namespace {

struct Mark
{
    const CrashNote::Subject *subject;
    CrashNote::Phase phase;
    quint64 call;
};

// Initial-exec: the core is loaded with the program, so the handler reads the mark without
// calling into the dynamic linker.
__attribute__((tls_model("initial-exec"))) thread_local Mark t_mark = {nullptr,
                                                                       CrashNote::Phase::Load, 0};
__attribute__((tls_model("initial-exec"))) thread_local bool t_altStackReady = false;
__attribute__((tls_model("initial-exec"))) thread_local bool t_inHandler = false;

constexpr int s_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr int s_signalCount = int(sizeof(s_signals) / sizeof(s_signals[0]));
struct sigaction s_previous[s_signalCount];
std::atomic<bool> s_armed{false};
std::atomic<bool> s_writing{false};
char s_path[PATH_MAX];
char s_tmpPath[PATH_MAX];

// A stack for the handler, so a plugin that overflows its own stack is still blamed.
struct AltStack
{
    void *memory = nullptr;
    ~AltStack()
    {
        if (memory) {
            stack_t off = {};
            off.ss_flags = SS_DISABLE;
            ::sigaltstack(&off, nullptr);
            std::free(memory);
        }
    }
};

void installAltStack()
{
    t_altStackReady = true;
    static thread_local AltStack stack;
    stack_t current = {};
    if (::sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) {
        return; // the thread has one already
    }
    const size_t size = 64 * 1024;
    stack.memory = std::malloc(size);
    if (!stack.memory) {
        return;
    }
    stack_t alt = {};
    alt.ss_sp = stack.memory;
    alt.ss_size = size;
    ::sigaltstack(&alt, nullptr);
}

// Async-signal-safe formatting into a fixed buffer.
struct Buffer
{
    char data[1024];
    size_t size = 0;
    void add(const char *text, size_t n)
    {
        n = std::min(n, sizeof(data) - size);
        std::memcpy(data + size, text, n);
        size += n;
    }
    void add(const char *text) { add(text, std::strlen(text)); }
    void add(unsigned long long value)
    {
        char digits[24];
        int n = 0;
        do {
            digits[n++] = char('0' + value % 10);
            value /= 10;
        } while (value && n < 24);
        while (n > 0) {
            add(&digits[--n], 1);
        }
    }
};

void writeNote(int signalNumber, bool blame)
{
    Buffer b;
    struct timespec now = {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    b.add("{\"@crash\":{\"signal\":");
    b.add(static_cast<unsigned long long>(signalNumber));
    b.add(",\"epoch\":");
    b.add(static_cast<unsigned long long>(now.tv_sec));
    b.add(",\"pid\":");
    b.add(static_cast<unsigned long long>(::getpid()));
    b.add("}");
    const Mark mark = t_mark;
    if (blame && mark.subject) {
        b.add(",");
        b.add(mark.subject->jsonName.constData(), size_t(mark.subject->jsonName.size()));
        b.add(":{\"phase\":\"");
        b.add(CrashNote::phaseName(mark.phase));
        b.add("\",\"call\":");
        b.add(static_cast<unsigned long long>(mark.call));
        b.add(",\"signal\":");
        b.add(static_cast<unsigned long long>(signalNumber));
        b.add(",\"epoch\":");
        b.add(static_cast<unsigned long long>(now.tv_sec));
        b.add("}");
    }
    b.add("}\n");
    const int fd = ::open(s_tmpPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    size_t written = 0;
    while (written < b.size) {
        const ssize_t n = ::write(fd, b.data + written, b.size - written);
        if (n <= 0) {
            break;
        }
        written += size_t(n);
    }
    ::fsync(fd);
    ::close(fd);
    ::rename(s_tmpPath, s_path);
}

void onFatalSignal(int signalNumber, siginfo_t *info, void *)
{
    const int savedErrno = errno;
    if (!t_inHandler) {
        t_inHandler = true;
        if (!s_writing.exchange(true)) {
            // A signal another process sent (kill -SEGV) lands on any thread: it is noted
            // as a crash, but blames no plugin.
            const bool sentFromOutside = info->si_code == SI_USER || info->si_code == SI_QUEUE;
            writeNote(signalNumber, !sentFromOutside);
        } else {
            // Another thread crashed first and is writing the note: its signal ends us.
            for (;;) {
                ::pause();
            }
        }
    }
    // The handler that was there before (the default action, or a sanitizer's) takes over.
    for (int i = 0; i < s_signalCount; ++i) {
        if (s_signals[i] == signalNumber) {
            ::sigaction(signalNumber, &s_previous[i], nullptr);
        }
    }
    errno = savedErrno;
    if (info->si_code <= 0 || signalNumber == SIGABRT) {
        // Sent (kill(), raise(), abort()): send it again; it is delivered when we return.
        ::raise(signalNumber);
    }
    // A fault: returning runs the faulting instruction again, which now meets that handler.
}

QMutex s_subjectsMutex;
QHash<QString, CrashNote::Subject *> *s_subjects = nullptr;

} // namespace

const CrashNote::Subject *CrashNote::subject(const QString &instance)
{
    QMutexLocker locker(&s_subjectsMutex);
    if (!s_subjects) {
        s_subjects = new QHash<QString, Subject *>;
    }
    Subject *&s = (*s_subjects)[instance];
    if (!s) {
        s = new Subject;
        // A one-element array is the simplest way to get the name as an escaped JSON string.
        QByteArray array = QJsonDocument(QJsonArray{instance}).toJson(QJsonDocument::Compact);
        s->jsonName = array.mid(1, array.size() - 2);
    }
    return s;
}

CrashNote::Scope::Scope(const Subject *subject, Phase phase, quint64 call) noexcept
    : m_subject(t_mark.subject)
    , m_phase(t_mark.phase)
    , m_call(t_mark.call)
{
    if (Q_UNLIKELY(!t_altStackReady) && s_armed.load(std::memory_order_relaxed)) {
        installAltStack();
    }
    t_mark = {subject, phase, call};
}

CrashNote::Scope::~Scope()
{
    t_mark = {m_subject, m_phase, m_call};
}

bool CrashNote::arm(const QString &path)
{
    if (s_armed.exchange(true)) {
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    const QByteArray tmp = native + ".crashing";
    qstrncpy(s_path, native.constData(), sizeof(s_path));
    qstrncpy(s_tmpPath, tmp.constData(), sizeof(s_tmpPath));
    installAltStack();
    for (int i = 0; i < s_signalCount; ++i) {
        struct sigaction action = {};
        action.sa_sigaction = onFatalSignal;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        ::sigaction(s_signals[i], &action, &s_previous[i]);
    }
    return true;
}

void CrashNote::disarm()
{
    if (!s_armed.exchange(false)) {
        return;
    }
    for (int i = 0; i < s_signalCount; ++i) {
        ::sigaction(s_signals[i], &s_previous[i], nullptr);
    }
}

bool CrashNote::isArmed()
{
    return s_armed.load();
}

const char *CrashNote::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Load:
        return "load";
    case Phase::Setup:
        return "setup";
    case Phase::Read:
        return "read";
    case Phase::Tool:
        return "tool";
    case Phase::Teardown:
        return "teardown";
    }
    return "call";
}

} // namespace Smollama
