"""CPython twin of WaitForVerdictTest: which verdict asyncio.wait_for gives when more than one
thing ends the wait.

  1. the timeout passes: TimeoutError, caused by the task's CancelledError; the task is cancelled;
  2. the caller is cancelled while waiting: it gets its own cancellation; the task is cancelled;
  3. a third party cancels the task: the caller gets the task's CancelledError, and is itself
     not cancelled.
The same output from CPython 3.11, 3.12 and 3.13. (A late value against the caller's failed task
group is left out: 3.12 changed wait_for there, see WaitForVerdictTest.)
"""
import asyncio

HOUR = 3600


async def hour_long():
    await asyncio.sleep(HOUR)
    return "an hour later"


async def timeout(trace):
    slow = asyncio.ensure_future(hour_long())
    try:
        await asyncio.wait_for(slow, 0.01)
        trace.append("timeout: returned")
    except TimeoutError as e:
        cause = type(e.__cause__).__name__
        trace.append(f"timeout: TimeoutError from {cause}; task cancelled={slow.cancelled()}")


async def cancelled_caller(trace):
    slow = asyncio.ensure_future(hour_long())

    async def caller():
        try:
            return await asyncio.wait_for(slow, HOUR)
        except asyncio.CancelledError as e:
            trace.append(f"cancelled caller: got its own cancellation={'the caller own reason' in str(e)}")
            raise

    c = asyncio.ensure_future(caller())
    await asyncio.sleep(0.01)
    c.cancel("the caller own reason")
    try:
        await c
    except asyncio.CancelledError:
        pass
    trace.append(f"cancelled caller: task cancelled={slow.cancelled()}")


async def third_party(trace):
    slow = asyncio.ensure_future(hour_long())

    async def canceller():
        await asyncio.sleep(0.01)
        slow.cancel("stopped by a third party")

    stopper = asyncio.ensure_future(canceller())
    try:
        await asyncio.wait_for(slow, HOUR)
        trace.append("third party: returned")
    except asyncio.CancelledError as e:
        me = asyncio.current_task()
        named = "stopped by a third party" in str(e)
        trace.append(f"third party: CancelledError naming the reason={named}; caller cancelled={me.cancelling() > 0}")
    await stopper


async def main():
    trace = []
    await timeout(trace)
    await cancelled_caller(trace)
    await third_party(trace)
    for line in trace:
        print(line)


asyncio.run(main())
