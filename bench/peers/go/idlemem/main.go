// The Go twin of bench/idle_memory.cc: the resident memory N blocked goroutines add.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		panic(err)
	}
	var pages, resident int64
	fmt.Sscan(string(data), &pages, &resident)
	return resident * int64(os.Getpagesize())
}

func main() {
	tasks := 100000
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "idlemem: TASKS must be a positive whole number, not %q\n", os.Args[1])
			os.Exit(2)
		}
		tasks = n
	}
	before := residentBytes()
	gate := make(chan int)
	var blocked, exited sync.WaitGroup
	blocked.Add(tasks)
	exited.Add(tasks)
	for i := 0; i < tasks; i++ {
		go func() {
			blocked.Done()
			<-gate
			exited.Done()
		}()
	}
	blocked.Wait()
	time.Sleep(50 * time.Millisecond)
	grown := residentBytes() - before
	fmt.Printf("tasks %d resident_bytes %d bytes_per_task %.0f\n", tasks, grown, float64(grown)/float64(tasks))
	close(gate)
	exited.Wait()
}
