// The Go twins of bench/chan_bench.cc: same workloads, same names, same unit of "op".
package peers

import "testing"

const buffer = 128

func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	for i := 0; i < b.N; i++ {
		ping <- i
		<-pong
	}
	close(ping)
}

func BenchmarkBufferedSPSC(b *testing.B) {
	ch := make(chan int, buffer)
	n := b.N
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	for i := 0; i < n; i++ {
		<-ch
	}
}

func BenchmarkMPMC4x4(b *testing.B) {
	const side = 4
	ch := make(chan int, buffer)
	done := make(chan int, 2*side)
	perTask := b.N/side + 1
	for p := 0; p < side; p++ {
		go func() {
			for i := 0; i < perTask; i++ {
				ch <- 1
			}
			done <- 1
		}()
		go func() {
			for i := 0; i < perTask; i++ {
				<-ch
			}
			done <- 1
		}()
	}
	for c := 0; c < 2*side; c++ {
		<-done
	}
}

func BenchmarkSelect2(b *testing.B) {
	x, y := make(chan int, buffer), make(chan int, buffer)
	n := b.N
	go func() {
		for i := 0; i < n; i++ {
			if i%2 == 0 {
				x <- i
			} else {
				y <- i
			}
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-x:
			sum += v
		case v := <-y:
			sum += v
		}
	}
	_ = sum
}

func BenchmarkSpawnJoin(b *testing.B) {
	done := make(chan int)
	for i := 0; i < b.N; i++ {
		go func() { done <- 1 }()
		<-done
	}
}
