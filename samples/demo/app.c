/* The demo service: waits for SIGTERM; "--health" answers the HEALTHCHECK. Built static, so the image needs
   nothing but this file. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
static void stop(int sig) { (void)sig; _exit(0); }
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--health") == 0) return 0;
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  for (;;) pause();
}
