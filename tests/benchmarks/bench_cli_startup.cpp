// SPDX-License-Identifier: GPL-3.0-or-later
// Cold start of smollama-cli: `--help`, `plugin list` and `config check` (no running node, the
// builtin plugins next to the program, a fresh HOME), each started SMOLLAMA_BENCH_RUNS times
// (default 30). Prints the wall time (median, 90th percentile, min) next to the goal (issue 19:
// < 20 ms), the median CPU time (user + system, which the other work on a shared machine
// disturbs less) and the load average. Never asserts. None of these commands writes a file
// (strace -e trace=%file,fdatasync shows only reads). For instruction counts that repeat:
//   valgrind --tool=callgrind smollama-cli plugin list
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Run
{
    double wallMs = 0;
    double cpuMs = 0;
    int status = -1;
};

Run runOnce(const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (const std::string &a : args) {
        argv.push_back(const_cast<char *>(a.c_str()));
    }
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    Run run;
    rusage usage{};
    int status = 0;
    ::wait4(pid, &status, 0, &usage);
    run.wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    run.cpuMs = (double(usage.ru_utime.tv_sec) + double(usage.ru_stime.tv_sec)) * 1000.0 +
                (double(usage.ru_utime.tv_usec) + double(usage.ru_stime.tv_usec)) / 1000.0;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// The wall time is the CPU time plus the wait for a core: on a shared machine the load says
// how long that wait may be.
std::string loadAverage()
{
    char text[64] = {};
    const int fd = ::open("/proc/loadavg", O_RDONLY);
    if (fd < 0) {
        return "unknown";
    }
    const ssize_t n = ::read(fd, text, sizeof(text) - 1);
    ::close(fd);
    std::string load(text, n > 0 ? size_t(n) : 0);
    return load.substr(0, load.find(' '));
}

} // namespace

int main()
{
    char home[] = "/tmp/bench_cli_startup-XXXXXX";
    if (!::mkdtemp(home)) {
        std::printf("cannot make a temporary HOME\n");
        return 1;
    }
    ::setenv("HOME", home, 1);
    ::unsetenv("SMOLLAMA_CONFIG");
    const char *runsText = std::getenv("SMOLLAMA_BENCH_RUNS");
    const int runs = runsText ? std::max(1, std::atoi(runsText)) : 30;
    const std::string cli = SMOLLAMA_CLI;
    const std::vector<std::vector<std::string>> commands = {
        {cli, "--help"}, {cli, "plugin", "list"}, {cli, "config", "check"}};
    for (const auto &command : commands) {
        runOnce(command); // warm the page cache
        std::vector<double> wall;
        std::vector<double> cpu;
        int status = 0;
        for (int i = 0; i < runs; ++i) {
            const Run r = runOnce(command);
            wall.push_back(r.wallMs);
            cpu.push_back(r.cpuMs);
            status = r.status;
        }
        std::string name;
        for (size_t i = 1; i < command.size(); ++i) {
            name += (i > 1 ? " " : "") + command[i];
        }
        std::sort(wall.begin(), wall.end());
        std::printf("smollama-cli %s (exit %d), %d runs: wall median %.1f ms, 90th percentile "
                    "%.1f ms, min %.1f ms (goal: < 20 ms wall); CPU median %.1f ms; load "
                    "average %s\n",
                    name.c_str(), status, runs, median(wall),
                    wall[std::min(wall.size() - 1, wall.size() * 9 / 10)], wall.front(),
                    median(cpu), loadAverage().c_str());
        std::fflush(stdout);
    }
    const std::string cleanup = std::string("rm -rf '") + home + "'";
    return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}
