// The Go twins of bench/sync_bench.cc: same workloads, same names, same unit of "op".
package peers

import (
	"context"
	"sync"
	"testing"
)

func BenchmarkMutexUncontended(b *testing.B) {
	var mu sync.Mutex
	counter := 0
	for i := 0; i < b.N; i++ {
		mu.Lock()
		counter++
		mu.Unlock()
	}
	_ = counter
}

func BenchmarkMutexContended4(b *testing.B) {
	const tasks = 4
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	perTask := b.N/tasks + 1
	wg.Add(tasks)
	for t := 0; t < tasks; t++ {
		go func() {
			for i := 0; i < perTask; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

func BenchmarkWaitGroupRound(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		wg.Done()
		wg.Wait()
	}
}

func BenchmarkContextCancelFanout1000(b *testing.B) {
	const waiters = 1000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ctx, cancel := context.WithCancel(context.Background())
		var started, woken sync.WaitGroup
		started.Add(waiters)
		woken.Add(waiters)
		for j := 0; j < waiters; j++ {
			go func() {
				started.Done()
				<-ctx.Done()
				woken.Done()
			}()
		}
		started.Wait()
		b.StartTimer()
		cancel()
		woken.Wait()
	}
}
