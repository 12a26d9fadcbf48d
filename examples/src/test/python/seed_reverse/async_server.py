# server.py
import asyncio
import socket

# get the default "event loop" that we will run
loop = asyncio.get_event_loop()


# notice our new "async" before the definition
async def server_method():
	server = socket.socket()
	server.bind(('localhost', 6789))
	server.listen(1)

	# await for a new client
	# the event loop can run other code while we wait here!
	client, _ = await loop.sock_accept(server)

	# await for some data
	data = await loop.sock_recv(client, 1024)
	data = data[::-1]

	# await for sending the data
	await loop.sock_sendall(client, data)

	server.close()
	client.close()


if __name__ == '__main__':
	# run the loop until "server method" is complete
	loop.run_until_complete(server_method())
