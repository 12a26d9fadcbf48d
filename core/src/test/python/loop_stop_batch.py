# loop.stop()'s batch rule: run_forever runs the batch of callbacks that was ready when the
# current iteration began, then returns; callbacks scheduled meanwhile wait for the next run.
import asyncio

loop = asyncio.new_event_loop()


def log(s):
    print(s)


# Scenario 1: stop() from a callback. x is scheduled before stop() in the same callback; b was
# ready in the same batch.
def a():
    log("1: a")
    loop.call_soon(lambda: log("1: x (scheduled by a before stop)"))
    loop.stop()
    loop.call_soon(lambda: log("1: y (scheduled by a after stop)"))


loop.call_soon(a)
loop.call_soon(lambda: log("1: b (ready with a)"))
loop.run_forever()
log("1: run_forever returned")
loop.call_soon(loop.stop)
loop.run_forever()
log("1: second run_forever returned")


# Scenario 2: stop() while not running, then call_soon, then run_forever.
def c():
    log("2: c (scheduled after stop, before the run)")
    loop.call_soon(lambda: log("2: d (scheduled by c)"))


loop.stop()
loop.call_soon(c)
loop.run_forever()
log("2: run_forever returned")
loop.call_soon(loop.stop)
loop.run_forever()
log("2: second run_forever returned")

# Scenario 3: stop() while not running, nothing queued: the run returns at once.
loop.stop()
loop.run_forever()
log("3: run_forever returned")
loop.close()
