// Two tasks hit a ball back and forth over an unbuffered channel: each send is a rendezvous,
// so the hits strictly alternate.
#include <cstdio>

#include "weft/weft.h"

struct Ball {
  int hits = 0;
};

void player(const char* name, weft::chan<Ball> table, weft::send_only<int> done) {
  for (;;) {
    auto [ball, ok] = table.recv();
    if (!ok) break;  // the other player closed the table
    ++ball.hits;
    std::printf("  %-4s hit %d\n", name, ball.hits);
    if (ball.hits == 6) {
      table.close();  // game over: the other player's receive sees ok == false
      break;
    }
    table.send(ball);
  }
  done.send(1);
}

int main() {
  std::printf("ping_pong: two tasks and an unbuffered channel\n");
  auto table = weft::make_chan<Ball>();
  auto done = weft::make_chan<int>(2);
  weft::go(player, "ping", table, done);
  weft::go(player, "pong", table, done);
  table.send(Ball{});  // serve
  done.recv();
  done.recv();
  std::printf("  game over\n");
}
