// Three translation units share these classes: bank.cc and ledger.cc each call into the other
// while holding their own lock (the cycle); shop.cc takes both in one order (no cycle).
#pragma once

#include "weft/weft.h"

class Ledger;

class Bank {
 public:
  explicit Bank(Ledger& ledger) : ledger_(ledger) {}
  int balance();
  void deposit(int n);

 private:
  weft::Mutex mu_;
  Ledger& ledger_;
  int balance_ = 0;
};

class Ledger {
 public:
  void attach(Bank& bank) { bank_ = &bank; }
  void record(int n);
  void audit();

 private:
  weft::Mutex mu_;
  Bank* bank_ = nullptr;
  int total_ = 0;
};

class Shop {
 public:
  void sell(Bank& bank, int n);

 private:
  weft::Mutex mu_;
  int sold_ = 0;
};
